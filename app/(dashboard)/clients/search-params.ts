import { createSearchParamsCache, parseAsString, type inferParserType } from "nuqs/server";
import { createTableParsers } from "@/components/data-table/parsers";

// The clients list's URL, parsed once for the server page and the client table alike.
export const clientsParsers = {
  ...createTableParsers({ sorts: ["name"] as const, defaultSort: "name", defaultDir: "asc" }),
  q: parseAsString.withDefault(""),
};

export const clientsSearchParams = createSearchParamsCache(clientsParsers);
export type ClientsUrlState = inferParserType<typeof clientsParsers>;
