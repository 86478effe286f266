import { createParser, parseAsNumberLiteral, parseAsStringLiteral } from "nuqs/server";

// The URL keys every server-side table shares. Pages compose these with their own filters in one
// search-params.ts so the server page and the client read the same state (STYLE.md rule 8).
export const PAGE_SIZES = [10, 25, 50, 100] as const;
export const SORT_DIRECTIONS = ["asc", "desc"] as const;
export type SortDirection = (typeof SORT_DIRECTIONS)[number];

// A page below 1 or not a number falls back to 1; a page past the end is clamped by the query.
export const parseAsPage = createParser({
  parse: (v) => (/^\d{1,7}$/.test(v) && Number(v) >= 1 ? Number(v) : null),
  serialize: (v: number) => String(v),
});

export function createTableParsers<const K extends string>(opts: {
  sorts: readonly K[];
  defaultSort: NoInfer<K>;
  defaultDir?: SortDirection;
  defaultSize?: (typeof PAGE_SIZES)[number];
}) {
  return {
    page: parseAsPage.withDefault(1),
    size: parseAsNumberLiteral(PAGE_SIZES).withDefault(opts.defaultSize ?? 25),
    sort: parseAsStringLiteral(opts.sorts).withDefault(opts.defaultSort),
    dir: parseAsStringLiteral(SORT_DIRECTIONS).withDefault(opts.defaultDir ?? "asc"),
  };
}
