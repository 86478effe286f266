// The registrations table at 300 and at 100,000 rows. Seeds each size set-based (generate_series /
// unnest) into its own database of one fresh embedded PostgreSQL and measures both in alternation.
// Prints, for page 1, the last page, a filtered and sorted page and a text search (plus two searches
// whose matches grow with the table): the median time of listRegistrations (count + page) in Node
// and in PostgreSQL, the signed-in page's response time (after `npm run build`), the ratio
// 100,000 ÷ 300, and the EXPLAIN (ANALYZE) plan of each statement. No assertions.
//   npm run bench:registrations [-- --runs 31 --big 100000 --small 300]
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { listRegistrations, type RegistrationListParams } from "../db/queries/registrations";
import { runMigrations } from "../db/migrate";
import * as schema from "../db/schema";
import { generateReference } from "../lib/registrations/reference";
import { listRegistrationsSchema } from "../lib/registrations/schemas";
import { CHILD_FIRST_NAMES, LAST_NAMES, PARENT_FIRST_NAMES, PLACES } from "./demo/names";
import { hasProductionBuild, startApp, type AppUnderTest } from "./bench-page";
import { startEmbeddedPostgres } from "./embedded-pg";

type Sql = postgres.Sql;

export async function seed(sql: Sql, orgId: string, upTo: number) {
  const have = (await sql<{ n: number }[]>`select count(*)::int as n from registrations where org_id = ${orgId}`)[0]!.n;
  const add = upTo - have;
  if (add <= 0) return;
  const courses = (await sql<{ n: number }[]>`select count(*)::int as n from courses where org_id = ${orgId}`)[0]!.n;
  if (!courses) {
    await sql`
      insert into courses (org_id, name, price_bani, term_name, term_start, term_end)
      select ${orgId}, 'Curs ' || g, 50000 + g * 5000,
        case when g <= 6 then 'Toamnă 2026' else 'Primăvară 2027' end,
        case when g <= 6 then date '2026-09-14' else date '2027-02-08' end,
        case when g <= 6 then date '2027-01-29' else date '2027-06-18' end
      from generate_series(1, 12) g`;
  }
  const places = PLACES.map(([city]) => city);
  const counties = PLACES.map(([, county]) => county);
  // About one client per 1.4 registrations (siblings, several courses).
  await sql`
    insert into clients (org_id, name, email, city, county, country)
    select ${orgId},
      (${PARENT_FIRST_NAMES as unknown as string[]}::text[])[1 + (g * 7) % ${PARENT_FIRST_NAMES.length}::int] || ' ' ||
      (${LAST_NAMES as unknown as string[]}::text[])[1 + (g * 13) % ${LAST_NAMES.length}::int],
      'parinte' || g || '@exemplu.ro',
      (${places}::text[])[1 + g % ${places.length}::int], (${counties}::text[])[1 + g % ${counties.length}::int], 'Romania'
    from generate_series(${have}::int, ${have + Math.ceil(add / 1.4)}::int) g`;
  // Fresh statistics, or the planner joins the new clients by a nested loop (minutes, not seconds).
  await sql`analyze clients, courses`;
  const refs = new Set<string>((await sql<{ reference: string }[]>`select reference from registrations where org_id = ${orgId}`).map((r) => r.reference));
  const fresh: string[] = [];
  while (fresh.length < add) {
    const ref = generateReference();
    if (!refs.has(ref)) {
      refs.add(ref);
      fresh.push(ref);
    }
  }
  // Joins on row numbers, not array subscripts (subscripting a text array is linear in its length).
  await sql`
    with c as (select id, name, row_number() over (order by created_at, id) - 1 as rn from clients where org_id = ${orgId}),
         cn as (select count(*)::int as n from clients where org_id = ${orgId}),
         k as (select id, name, price_bani, row_number() over (order by name) - 1 as rn from courses where org_id = ${orgId}),
         kids as (select name, ordinality - 1 as rn from unnest(${CHILD_FIRST_NAMES as unknown as string[]}::text[]) with ordinality name),
         r as (select ref, g::int as g from unnest(${fresh}::text[]) with ordinality x(ref, g))
    insert into registrations (org_id, client_id, course_id, participant_name, client_name, course_name, reference, price_bani, down_payment_bani, paid_bani, created_at)
    select ${orgId}, c.id, k.id, kids.name || ' ' || split_part(c.name, ' ', 2), c.name, k.name, r.ref, k.price_bani,
      case when r.g % 3 = 0 then k.price_bani * 3 / 10 end,
      -- 1 in 5 each: nothing, full, half, the down payment (or a third), overpaid.
      case r.g % 5 when 0 then 0 when 1 then k.price_bani when 2 then k.price_bani / 2
        when 3 then case when r.g % 3 = 0 then k.price_bani * 3 / 10 else k.price_bani / 3 end else k.price_bani + 1000 end,
      now() - make_interval(mins => (${upTo}::int - r.g - ${have}::int))
    from r cross join cn
    join c on c.rn = (r.g * 31) % cn.n
    join k on k.rn = r.g % 12
    join kids on kids.rn = (r.g * 11) % ${CHILD_FIRST_NAMES.length}::int`;
  // One payment per paid registration, matching paid_bani (set above, so no update pass is needed).
  await sql`analyze registrations, payments`;
  await sql`
    insert into payments (org_id, registration_id, amount_bani, paid_on, method, source)
    select r.org_id, r.id, r.paid_bani, current_date - 10, 'bank_transfer', 'manual'
    from registrations r
    where r.org_id = ${orgId} and r.paid_bani > 0
      and not exists (select 1 from payments p where p.org_id = r.org_id and p.registration_id = r.id)`;
  await sql`vacuum analyze registrations, clients, payments, courses, registration_counts`;
}

/** "Sânziana Odobescu", child of "Ilinca Odobescu": one registration, whatever the table's size. */
async function ensureOneFamily(sql: Sql, orgId: string) {
  const [found] = await sql`select 1 from registrations where org_id = ${orgId} and participant_name = 'Sânziana Odobescu'`;
  if (found) return;
  let reference = generateReference();
  while ((await sql`select 1 from registrations where org_id = ${orgId} and reference = ${reference}`).length) reference = generateReference();
  await sql`
    with c as (insert into clients (org_id, name, email, city, county, country)
               values (${orgId}, 'Ilinca Odobescu', 'ilinca.odobescu@exemplu.ro', 'Iași', 'Iași', 'Romania') returning id, name),
         k as (select id, name, price_bani from courses where org_id = ${orgId} order by name limit 1)
    insert into registrations (org_id, client_id, course_id, participant_name, client_name, course_name, reference, price_bani, paid_bani, created_at)
    select ${orgId}, c.id, k.id, 'Sânziana Odobescu', c.name, k.name, ${reference}, k.price_bani, 0, now() - interval '3 days' from c, k`;
}

interface Case {
  name: string;
  params: (total: number, sampleName: string) => Partial<RegistrationListParams>;
  /** The same view as a /registrations URL (the page's search params). */
  url: (total: number, sampleName: string) => string;
  /** The issue's four views (target ≤ 1.5); the others are searches whose matches grow with the table. */
  target: boolean;
}

const CASES: Case[] = [
  { name: "page 1", params: () => ({}), url: () => "", target: true },
  { name: "last page", params: (total) => ({ page: Math.ceil(total / 25) }), url: (total) => `?page=${Math.ceil(total / 25)}`, target: true },
  {
    name: "filtered + sorted",
    params: () => ({ paymentStatus: ["partially_paid"], sort: "created", dir: "asc", page: 2 }),
    url: () => "?status=partially_paid&sort=created&dir=asc&page=2",
    target: true,
  },
  // The text search: one family's name, typed without diacritics, as staff search for it. A real school
  // that grows gains families, not copies of one, so this family matches once at every size.
  { name: "search: a family", params: () => ({ q: "sanziana odobescu" }), url: () => `?q=${encodeURIComponent("sanziana odobescu")}`, target: true },
  // The synthetic data's small name pool repeats a full name (~1 match at 300, ~90 at 100,000): the
  // cost follows the matches (each is found in the trigram index and rechecked in the table).
  { name: "search: a name", params: (_total, sampleName) => ({ q: sampleName }), url: (_total, sampleName) => `?q=${encodeURIComponent(sampleName)}`, target: false },
  // A broad word matching ~1 row in 7 (40 → 100+ matches; the count stops at 100).
  { name: "search: 'stefan'", params: () => ({ q: "stefan" }), url: () => "?q=stefan", target: false },
];

/** One table size: its own database (same PostgreSQL), schools, driver and, after a build, app server. */
interface Side {
  size: number;
  sql: Sql;
  db: ReturnType<typeof drizzle<typeof schema>>;
  orgId: string;
  app: AppUnderTest | null;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  const { values } = parseArgs({
    options: {
      runs: { type: "string", default: "31" },
      small: { type: "string", default: "300" },
      big: { type: "string", default: "100000" },
      port: { type: "string", default: process.env.E2E_PORT ?? "3270" },
    },
  });
  const runs = Number(values.runs);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-registrations-"));
  fs.chmodSync(dir, 0o755);
  const pg = await startEmbeddedPostgres({ dataDir: path.join(dir, "data"), port: 0, database: "bench", persistent: false, fast: true });
  let captured: { query: string; params: unknown[] }[] = [];
  const sides: Side[] = [];
  const withBuild = hasProductionBuild();
  if (!withBuild) console.log("No production build with the registrations page (.next): run `npm run build` first to time the page too.");
  try {
    // Both sizes live side by side (two databases) and are measured in alternation, so the machine's
    // load, JIT warm-up and garbage collection fall on both alike and the ratio compares like with like.
    for (const [i, size] of [Number(values.small), Number(values.big)].entries()) {
      const started = performance.now();
      const url = await pg.createDatabase(`bench_${i}`);
      await runMigrations(url);
      const sql = postgres(url, { max: 2, onnotice: () => {} });
      const orgId = (await sql<{ id: string }[]>`insert into organisations (name) values ('Școala Bench') returning id`)[0]!.id;
      // Another school's rows share the tables, as in production.
      const otherId = (await sql<{ id: string }[]>`insert into organisations (name) values ('Altă școală') returning id`)[0]!.id;
      await seed(sql, otherId, 5_000);
      await seed(sql, orgId, size);
      await ensureOneFamily(sql, orgId);
      const db = drizzle(sql, { schema, casing: "snake_case", logger: { logQuery: (query, params) => captured.push({ query, params }) } });
      const app = withBuild ? await startApp(sql, url, orgId, Number(values.port) + i) : null;
      sides.push({ size, sql, db, orgId, app });
      console.log(`seeded ${size.toLocaleString("en")} registrations in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    }
    // The same synthetic name at both sizes: the oldest registration's participant (g = 1 in both).
    const [first] = await sides[0]!.sql<{ participant_name: string }[]>`
      select participant_name from registrations where org_id = ${sides[0]!.orgId} and participant_name <> 'Sânziana Odobescu' order by created_at, id limit 1`;
    const sampleName = first!.participant_name.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
    const paramsOf = (c: Case, s: Side) => ({ ...listRegistrationsSchema.parse({}), ...c.params(s.size, sampleName) }) as RegistrationListParams;
    const urlOf = (c: Case, s: Side) => `/registrations${c.url(s.size, sampleName)}`;

    // 1. listRegistrations in Node: a warm-up, then rounds of every case at every size.
    const node: Record<string, number[][]> = {};
    const statements: Record<string, (typeof captured)[]> = {};
    const found: Record<string, string[]> = {};
    for (let round = -5; round < runs; round++) {
      for (const c of CASES) {
        for (const [i, s] of sides.entries()) {
          captured = [];
          const t0 = performance.now();
          const res = await listRegistrations(s.db, s.orgId, paramsOf(c, s));
          const ms = performance.now() - t0;
          if (round < 0) continue;
          ((node[c.name] ??= [[], []])[i]!).push(ms);
          (statements[c.name] ??= [])[i] = captured;
          // A text search stops counting at 100: "100+" is what the table shows as "more than 100".
          (found[c.name] ??= [])[i] = `${res.rows.length} rows of ${res.total}${res.capped ? "+" : ""}`;
        }
      }
    }

    // 2. The same statements in PostgreSQL: EXPLAIN ANALYZE without buffer counting (its bookkeeping
    // is per page touched), in alternation, median of 15; then once with buffers for the printed plan.
    const explainAll = async (s: Side, stmts: typeof captured, options: string) => {
      let ms = 0;
      const texts: string[] = [];
      for (const q of stmts) {
        const plan = await s.sql.unsafe(`explain (${options}) ${q.query}`, q.params as postgres.ParameterOrJSON<never>[]);
        const text = plan.map((p) => p["QUERY PLAN"]).join("\n");
        ms += Number(/Execution Time: ([\d.]+) ms/.exec(text)?.[1] ?? 0);
        texts.push(text);
      }
      return { ms, texts };
    };
    const server: Record<string, number[][]> = {};
    const plans: Record<string, string[]> = {};
    for (let round = 0; round < 15; round++) {
      for (const c of CASES) {
        for (const [i, s] of sides.entries()) {
          ((server[c.name] ??= [[], []])[i]!).push((await explainAll(s, statements[c.name]![i]!, "analyze, buffers off, costs off, timing off, summary on")).ms);
        }
      }
    }
    for (const c of CASES) {
      for (const [i, s] of sides.entries()) {
        const label = `${c.name} @ ${s.size}${c.name === "search: a name" ? ` (q = "${sampleName}")` : ""}`;
        plans[label] = (await explainAll(s, statements[c.name]![i]!, "analyze, buffers on, costs off, timing off, summary on")).texts;
      }
    }

    // 3. The signed-in page, full streamed response, in alternation: a warm-up, then median of 9.
    const page: Record<string, number[][]> = {};
    const statuses = new Set<number>();
    if (withBuild) {
      for (let round = -2; round < Math.min(runs, 9); round++) {
        for (const c of CASES) {
          for (const [i, s] of sides.entries()) {
            const r = await s.app!.get(urlOf(c, s));
            statuses.add(r.status);
            if (round >= 0) ((page[c.name] ??= [[], []])[i]!).push(r.ms);
          }
        }
      }
    }

    for (const [i, s] of sides.entries()) {
      console.log(`\nat ${s.size.toLocaleString("en")} registrations (medians)`);
      for (const c of CASES) {
        const seq = Object.entries(plans).some(([k, p]) => k.startsWith(`${c.name} @ ${s.size}`) && p.some((x) => /Seq Scan on (registrations|clients|payments)\b/.test(x)));
        const pageNote = withBuild ? `, page ${median(page[c.name]![i]!).toFixed(1)} ms` : "";
        console.log(
          `  ${c.name.padEnd(18)} ${median(node[c.name]![i]!).toFixed(2).padStart(8)} ms in Node, ${median(server[c.name]![i]!).toFixed(3).padStart(7)} ms in PostgreSQL  (${found[c.name]![i]})${pageNote}${seq ? "  SEQ SCAN!" : ""}`,
        );
      }
    }
    if (withBuild) console.log(`  (page HTTP statuses: ${[...statuses].join(", ")})`);

    const ratio = (pair: number[][] | undefined, digits: number) => {
      if (!pair) return "";
      const [small, big] = pair.map(median) as [number, number];
      return `${small.toFixed(digits).padStart(7)} → ${big.toFixed(digits).padStart(7)} ms  ${(big / small).toFixed(2).padStart(5)}`;
    };
    const table = (title: string, cases: Case[]) => {
      console.log(`\n${title}`);
      console.log(`  ${"case".padEnd(18)} ${"query in Node (driver incl.)".padEnd(34)} ${"query in PostgreSQL (execution)".padEnd(34)} ${withBuild ? "signed-in page (server response)" : ""}`);
      for (const c of cases) {
        console.log(`  ${c.name.padEnd(18)} ${ratio(node[c.name], 2).padEnd(34)} ${ratio(server[c.name], 3).padEnd(34)} ${ratio(page[c.name], 1)}`);
      }
    };
    console.log(`\nratio ${sides[1]!.size.toLocaleString("en")} ÷ ${sides[0]!.size.toLocaleString("en")} (medians; listRegistrations = count + page; the page = the whole signed-in /registrations response)`);
    table("the four views of the issue: page 1, the last page, a filtered and sorted page, a text search (target ≤ 1.5)", CASES.filter((c) => c.target));
    table("searches whose matches grow with the table (no target: their cost follows their matches)", CASES.filter((c) => !c.target));
    console.log("\nEXPLAIN (ANALYZE) of each statement");
    for (const [name, explain] of Object.entries(plans)) {
      console.log(`\n── ${name}`);
      // One string argument: a plan may contain "%i" (a LIKE pattern) that console.log would format.
      for (const p of explain) console.log(`${p.replace(/^/gm, "  ")}\n`);
    }
  } finally {
    for (const s of sides) {
      await s.app?.stop();
      await s.sql.end({ timeout: 5 });
    }
    await pg.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith("bench-registrations.ts")) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
