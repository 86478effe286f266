// The registrations table at 300 and at 100,000 rows. Seeds one organisation set-based
// (generate_series / unnest) into a fresh embedded PostgreSQL, then prints, for page 1, the last page,
// a filtered and sorted page and a text search: the median time of listRegistrations (count + page),
// the ratio 100,000 ÷ 300, and the EXPLAIN (ANALYZE) plan of each statement. No assertions.
//   npm run bench:registrations [-- --runs 15 --big 100000 --small 300]
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
}

const CASES: Case[] = [
  { name: "page 1", params: () => ({}), url: () => "" },
  { name: "last page", params: (total) => ({ page: Math.ceil(total / 25) }), url: (total) => `?page=${Math.ceil(total / 25)}` },
  {
    name: "filtered + sorted",
    params: () => ({ paymentStatus: ["partially_paid"], sort: "created", dir: "asc", page: 2 }),
    url: () => "?status=partially_paid&sort=created&dir=asc&page=2",
  },
  // One family's name (it exists once, at every size), typed without diacritics: what staff search for.
  { name: "search: one family", params: () => ({ q: "sanziana odobescu" }), url: () => `?q=${encodeURIComponent("sanziana odobescu")}` },
  // A name the synthetic data repeats (its matches grow with the table: ~1 at 300, ~80 at 100,000).
  { name: "search: a name", params: (_total, sampleName) => ({ q: sampleName }), url: (_total, sampleName) => `?q=${encodeURIComponent(sampleName)}` },
  // A broad word matching ~1 row in 7 (synthetic names repeat more than real ones).
  { name: "search: 'stefan'", params: () => ({ q: "stefan" }), url: () => "?q=stefan" },
];

async function main() {
  const { values } = parseArgs({
    options: {
      runs: { type: "string", default: "15" },
      small: { type: "string", default: "300" },
      big: { type: "string", default: "100000" },
      port: { type: "string", default: process.env.E2E_PORT ?? "3270" },
    },
  });
  const runs = Number(values.runs);
  const sizes = [Number(values.small), Number(values.big)];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-registrations-"));
  fs.chmodSync(dir, 0o755);
  const pg = await startEmbeddedPostgres({ dataDir: path.join(dir, "data"), port: 0, database: "bench", persistent: false, fast: true });
  const sql = postgres(pg.url, { max: 2, onnotice: () => {} });
  let captured: { query: string; params: unknown[] }[] = [];
  let app: AppUnderTest | null = null;
  const db = drizzle(sql, { schema, casing: "snake_case", logger: { logQuery: (query, params) => captured.push({ query, params }) } });
  try {
    await runMigrations(pg.url);
    const orgId = (await sql<{ id: string }[]>`insert into organisations (name) values ('Școala Bench') returning id`)[0]!.id;
    // Another school's rows share the tables, as in production.
    const otherId = (await sql<{ id: string }[]>`insert into organisations (name) values ('Altă școală') returning id`)[0]!.id;
    await seed(sql, otherId, 5_000);
    const results: Record<string, number[]> = {};
    const pageResults: Record<string, number[]> = {};
    if (hasProductionBuild()) app = await startApp(sql, pg.url, orgId, Number(values.port));
    else console.log("No production build with the registrations page (.next): run `npm run build` first to time the page too.");
    const dbResults: Record<string, number[]> = {};
    let sampleName = "";
    const plans: Record<string, string[]> = {};
    for (const size of sizes) {
      const started = performance.now();
      await seed(sql, orgId, size);
      await ensureOneFamily(sql, orgId);
      console.log(`\nseeded ${size.toLocaleString("en")} registrations in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      if (!sampleName) {
        const [first] = await sql<{ participant_name: string }[]>`select participant_name from registrations where org_id = ${orgId} and participant_name <> 'Sânziana Odobescu' order by created_at, id limit 1`;
        sampleName = first!.participant_name.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
      }
      for (const c of CASES) {
        const params = { ...listRegistrationsSchema.parse({}), ...c.params(size, sampleName) } as RegistrationListParams;
        for (let i = 0; i < 3; i++) await listRegistrations(db, orgId, params);
        const times: number[] = [];
        let rows = 0;
        let total = "";
        for (let i = 0; i < runs; i++) {
          captured = [];
          const t0 = performance.now();
          const res = await listRegistrations(db, orgId, params);
          times.push(performance.now() - t0);
          rows = res.rows.length;
          // A text search stops counting at 100: "100+" is what the table shows as "more than 100".
          total = `${res.total}${res.capped ? "+" : ""}`;
        }
        times.sort((a, b) => a - b);
        const median = times[Math.floor(times.length / 2)]!;
        (results[c.name] ??= []).push(median);
        // Server-side: the statements' own execution time (EXPLAIN ANALYZE), median of 7.
        let explain: string[] = [];
        const serverTimes: number[] = [];
        for (let i = 0; i < 7; i++) {
          explain = [];
          let ms = 0;
          for (const q of captured) {
            const plan = await sql.unsafe(`explain (analyze, costs off, timing off, summary on) ${q.query}`, q.params as postgres.ParameterOrJSON<never>[]);
            const text = plan.map((p) => p["QUERY PLAN"]).join("\n");
            ms += Number(/Execution Time: ([\d.]+) ms/.exec(text)?.[1] ?? 0);
            explain.push(text);
          }
          serverTimes.push(ms);
        }
        serverTimes.sort((a, b) => a - b);
        const serverMedian = serverTimes[3]!;
        (dbResults[c.name] ??= []).push(serverMedian);
        plans[`${c.name} @ ${size}${c.name.startsWith("search: a") ? ` (q = "${sampleName}")` : ""}`] = explain;
        const seq = explain.some((p) => /Seq Scan on (registrations|clients|payments)\b/.test(p));
        let pageNote = "";
        if (app) {
          const url = `/registrations${c.url(size, sampleName)}`;
          for (let i = 0; i < 2; i++) await app.get(url);
          const pageTimes: number[] = [];
          let status = 0;
          for (let i = 0; i < Math.min(runs, 9); i++) {
            const r = await app.get(url);
            pageTimes.push(r.ms);
            status = r.status;
          }
          pageTimes.sort((a, b) => a - b);
          const pageMedian = pageTimes[Math.floor(pageTimes.length / 2)]!;
          (pageResults[c.name] ??= []).push(pageMedian);
          pageNote = `, page ${pageMedian.toFixed(1)} ms (HTTP ${status})`;
        }
        console.log(
          `  ${c.name.padEnd(18)} ${median.toFixed(2).padStart(8)} ms in Node, ${serverMedian.toFixed(3).padStart(7)} ms in PostgreSQL  (${rows} rows of ${total})${pageNote}${seq ? "  SEQ SCAN!" : ""}`,
        );
      }
    }
    console.log("\nratio 100,000 ÷ 300 (listRegistrations = count + page; target ≤ 1.5)");
    console.log("  case               Node: median wall time (incl. driver, shared CPU)   PostgreSQL: execution time");
    for (const [name, [small, big]] of Object.entries(results)) {
      const [dbSmall, dbBig] = dbResults[name]!;
      console.log(
        `  ${name.padEnd(18)} ${small!.toFixed(2).padStart(7)} → ${big!.toFixed(2).padStart(7)} ms  ratio ${(big! / small!).toFixed(2).padStart(5)}` +
          `        ${dbSmall!.toFixed(3).padStart(7)} → ${dbBig!.toFixed(3).padStart(7)} ms  ratio ${(dbBig! / dbSmall!).toFixed(2)}`,
      );
    }
    if (app) {
      console.log("\nauthenticated /registrations page, server response time (median, full streamed body)");
      for (const [name, [small, big]] of Object.entries(pageResults)) {
        console.log(`  ${name.padEnd(18)} ${small!.toFixed(1).padStart(7)} → ${big!.toFixed(1).padStart(7)} ms  ratio ${(big! / small!).toFixed(2)}`);
      }
    }
    console.log("\nEXPLAIN (ANALYZE) of each statement");
    for (const [name, explain] of Object.entries(plans)) {
      console.log(`\n── ${name}`);
      // One string argument: a plan may contain "%i" (a LIKE pattern) that console.log would format.
      for (const p of explain) console.log(`${p.replace(/^/gm, "  ")}\n`);
    }
  } finally {
    await app?.stop();
    await sql.end({ timeout: 5 });
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
