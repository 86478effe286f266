import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { Executor } from "@/db";
import { registrations } from "@/db/schema";
import { pageOf, registrationWhere, rowsByIds, sortColumns, type RegistrationFilterParams, type RegistrationListParams, type RegistrationPage } from "./registrations";
import { pgText } from "./text";

/**
 * A text search counts its matches up to this many, then says "more than 1,000". An exact count
 * visits every match (a common first name matches one registration in seven), so it grows with the
 * table; the cap bounds it. docs/registrations.md has the measurements behind the number.
 */
export const SEARCH_COUNT_CAP = 1_000;

export function isTextSearch(f: RegistrationFilterParams): boolean {
  return pgText(f.q).trim() !== "";
}

/**
 * One statement finds the matches through the trigram index, up to cap + 1 of them, and, when there
 * are no more than `cap`, also the page's ids (sorted among those few): a narrow search (a family's
 * name) costs one index scan and its matches. Past the cap the page is an ordinary index walk in the
 * sort's order, which a broad search (many matches) ends early.
 *
 * The matches are a MATERIALIZED CTE read through a LIMIT: the CTE is planned for all its rows (the
 * trigram bitmap scan) but run only as far as the LIMIT pulls. A LIMIT inside the query would make
 * the planner prefer a sequential scan for a broad word, expecting to meet the cap early.
 */
export async function searchPage(db: Executor, orgId: string, p: RegistrationListParams, cap: number): Promise<RegistrationPage> {
  const cols = sortColumns(p.sort);
  const dir = p.dir === "asc" ? sql`asc` : sql`desc`;
  const keys = sql.join(cols.map((c, i) => sql`${c} as ${sql.identifier(`s${i}`)}`), sql`, `);
  const order = sql.join(cols.map((_, i) => sql`${sql.identifier(`s${i}`)} ${dir}`), sql`, `);
  const size = p.pageSize;
  const probe: SQL = sql`
    with m as materialized (select ${registrations.id} as id, ${keys} from ${registrations} where ${registrationWhere(orgId, p)}),
    capped as materialized (select * from m limit ${cap + 1}),
    n as (select count(*)::int as n from capped),
    o as (select n.n, least((${p.page}::int - 1) * ${size}::int, greatest(n.n - 1, 0) / ${size}::int * ${size}::int) as off from n),
    ranked as (select capped.id, row_number() over (order by ${order}) - 1 as rn from capped, o where o.n <= ${cap}::int)
    select o.n, ranked.id from o left join ranked on ranked.rn >= o.off and ranked.rn < o.off + ${size}::int
    order by ranked.rn`;
  const found = (await db.execute(probe)) as unknown as { n: number; id: string | null }[];
  const n = found[0]?.n ?? 0;
  if (n > cap) return pageOf(db, orgId, p, cap, true);
  const ids = found.flatMap((x) => (x.id ? [x.id] : []));
  const pageCount = Math.max(1, Math.ceil(n / size));
  const rows = ids.length ? await rowsByIds(db, orgId, ids, p.sort, p.dir === "asc") : [];
  return { rows, total: n, pageCount, capped: false };
}
