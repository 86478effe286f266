import "server-only";
import { sql } from "drizzle-orm";
import type { Executor } from "@/db";
import { registrations } from "@/db/schema";
import { registrationWhere, rowsByIds, sortColumns, type RegistrationFilterParams, type RegistrationListParams, type RegistrationPage } from "./registrations";
import { pgText } from "./text";

/**
 * A text search (or an invoice filter) counts its matches exactly up to this many (or up to the end
 * of the page asked for), then says "more than 100". An exact count visits every match, so it grows with the table (a common
 * first name matches one registration in seven); docs/registrations.md has the measurements.
 */
export const SEARCH_COUNT_CAP = 100;

/**
 * Whether the count takes the capped path: a text search, or an invoice filter (registration_counts
 * knows nothing about invoices). Without either, the count is a sum over registration_counts.
 */
export function needsCappedCount(f: RegistrationFilterParams): boolean {
  return pgText(f.q).trim() !== "" || f.invoice != null;
}

/**
 * The matches in the sort's order, read only as far as max(cap, end of the page) + 1: one statement
 * gives the count (exact below that bound, "more than" at it) and the page's ids. The planner picks
 * how to find them for that LIMIT: a broad word walks the (org_id, created_at, id) index, which
 * carries search_text and status, and stops early without touching the table; a narrow search (a
 * family's name) takes its few matches from the trigram index and sorts them.
 * Past the bound there is always a next page, so every match stays reachable by paging.
 */
export async function searchPage(db: Executor, orgId: string, p: RegistrationListParams, cap: number): Promise<RegistrationPage> {
  const cols = sortColumns(p.sort);
  const dir = p.dir === "asc" ? sql`asc` : sql`desc`;
  const keys = sql.join(cols.map((c, i) => sql`${c} as ${sql.identifier(`s${i}`)}`), sql`, `);
  const byKeys = sql.join(cols.map((_, i) => sql`${sql.identifier(`s${i}`)} ${dir}`), sql`, `);
  const byColumns = sql.join(cols.map((c) => sql`${c} ${dir}`), sql`, `);
  const size = p.pageSize;
  const known = Math.max(cap, p.page * size);
  const found = (await db.execute(sql`
    with capped as materialized (
      select ${registrations.id} as id, ${keys} from ${registrations}
      where ${registrationWhere(orgId, p)} order by ${byColumns} limit ${known + 1}::int),
    o as (select n, least((${p.page}::int - 1) * ${size}::int, greatest(n - 1, 0) / ${size}::int * ${size}::int) as off
          from (select count(*)::int as n from capped) c),
    ranked as (select id, row_number() over (order by ${byKeys}) - 1 as rn from capped)
    select o.n, ranked.id from o left join ranked on ranked.rn >= o.off and ranked.rn < o.off + ${size}::int
    order by ranked.rn`)) as unknown as { n: number; id: string | null }[];
  const n = found[0]?.n ?? 0;
  const ids = found.flatMap((x) => (x.id ? [x.id] : []));
  const rows = ids.length ? await rowsByIds(db, orgId, ids, p.sort, p.dir === "asc") : [];
  if (n > known) return { rows, total: known, pageCount: Math.floor(known / size) + 1, capped: true };
  return { rows, total: n, pageCount: Math.max(1, Math.ceil(n / size)), capped: false };
}
