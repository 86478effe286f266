// The CSV import as background work: imports 2,000 rows (new clients, registrations, payments) for one
// school while another school's page is asked every 50 ms, then the same with ten more imports of the
// first school queued behind it. Prints rows/s and the other school's page latency (p50/p95/max).
//   1. query: the import job's use-case in this process on a pool of 10 (the app's size), the other
//      school's page query (listRegistrations) on the same pool;
//   2. HTTP (after `npm run build`): the production server runs the import job in its own workers (as
//      `npm start` does) and the other school's signed-in /registrations page is timed.
// Fresh embedded PostgreSQL; no assertions. Targets: 2,000 rows ≤ 10 s; the other page's p95 ≤ 300 ms.
//   npm run bench:import [-- --rows 2000 --queued 10]
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import PgBoss from "pg-boss";
import postgres from "postgres";
import { createDb, type Database } from "../db/client";
import { runMigrations } from "../db/migrate";
import { listRegistrations } from "../db/queries/registrations";
import { IMPORT_QUEUE, WAKE_CHANNEL } from "../lib/jobs/queues";
import { invoicingTriggers } from "../lib/invoicing/requests/automatic";
import { queueImport, runQueuedImports } from "../lib/registrations/import/import-runs";
import { listRegistrationsSchema } from "../lib/registrations/schemas";
import { hasProductionBuild, startApp, type AppUnderTest } from "./bench-page";
import { seed } from "./bench-registrations";
import { startEmbeddedPostgres } from "./embedded-pg";

const MAPPING = { clientName: "Părinte", email: "E-mail", participantName: "Copil", courseName: "Curs", price: "Preț", paid: "Achitat", paidOn: "Data plății", city: "Localitate", county: "Județ" };

/** `n` rows: a new client per two rows (siblings), every row with a payment. */
function fileOf(n: number, tag: string): string {
  const rows = Array.from({ length: n }, (_, i) =>
    [`Părinte ${tag} ${i >> 1}`, `parinte-${tag}-${i >> 1}@exemplu.ro`, `Copil ${tag} ${i}`, "Dans modern", "850,00", i % 2 ? "850" : "250,50", "20.09.2026", "Cluj-Napoca", "Cluj"].join(";"),
  );
  return [Object.values(MAPPING).join(";"), ...rows].join("\r\n");
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? 0;
const stats = (xs: number[]) => `${xs.length} samples, p50 ${pct(xs, 0.5).toFixed(0)} ms, p95 ${pct(xs, 0.95).toFixed(0)} ms, max ${pct(xs, 1).toFixed(0)} ms`;

/** Samples `ask` every 50 ms until `work` ends; returns what `work` returned and the latencies. */
async function sampling<T>(ask: () => Promise<unknown>, work: () => Promise<T>): Promise<{ result: T; ms: number[]; seconds: number }> {
  const ms: number[] = [];
  let on = true;
  const sampler = (async () => {
    while (on) {
      const t0 = performance.now();
      await ask();
      ms.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  const t0 = performance.now();
  const result = await work();
  const seconds = (performance.now() - t0) / 1000;
  on = false;
  await sampler;
  return { result, ms, seconds };
}

async function school(sql: postgres.Sql, name: string): Promise<{ orgId: string; staffId: string }> {
  const [org] = await sql<{ id: string }[]>`insert into organisations (name) values (${name}) returning id`;
  const [user] = await sql<{ id: string }[]>`insert into users (email, name, password_hash) values (${`staff-${org!.id}@bench.test`}, 'Staff', 'x') returning id`;
  await sql`insert into memberships (org_id, user_id, role) values (${org!.id}, ${user!.id}, 'staff')`;
  await sql`insert into courses (org_id, name, price_bani, term_name, term_start, term_end) values (${org!.id}, 'Dans modern', 85000, 'Toamnă 2026', '2026-09-14', '2027-01-29')`;
  return { orgId: org!.id, staffId: user!.id };
}

async function waitDone(sql: postgres.Sql, orgId: string): Promise<void> {
  for (;;) {
    const [r] = await sql<{ open: number; failed: number }[]>`
      select count(*) filter (where status in ('queued', 'running'))::int open, count(*) filter (where status = 'failed')::int failed from import_runs where org_id = ${orgId}`;
    if (r!.failed) throw new Error("an import failed");
    if (!r!.open) return;
    await new Promise((res) => setTimeout(res, 100));
  }
}

async function main() {
  const { values } = parseArgs({ options: { rows: { type: "string", default: "2000" }, queued: { type: "string", default: "10" }, port: { type: "string", default: process.env.E2E_PORT ?? "3290" } } });
  const rows = Number(values.rows);
  const queued = Number(values.queued);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-import-"));
  fs.chmodSync(dir, 0o755);
  const pg = await startEmbeddedPostgres({ dataDir: path.join(dir, "data"), port: 0, database: "bench", persistent: false, fast: true });
  const url = await pg.createDatabase("bench_import");
  await runMigrations(url);
  const sql = postgres(url, { max: 2, onnotice: () => {} });
  const app = createDb(url, { max: 10 });
  let server: AppUnderTest | null = null;
  try {
    const other = await school(sql, "Altă școală");
    await seed(sql, other.orgId, 5_000);
    const params = listRegistrationsSchema.parse({});
    const otherPage = (db: Database) => listRegistrations(db, other.orgId, params);
    console.log(`bench:import: ${rows.toLocaleString("en")} rows per import (a new client per two rows, a payment per row, half of them paying in full,`);
    console.log(`so automatic invoicing's "debt cleared" fires for 1 row in 2); another school with 5,000 registrations.`);
    console.log(`machine: ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")} (other processes share it: times scale with it)`);

    const baseline = await sampling(() => otherPage(app.db), () => new Promise((r) => setTimeout(r, 2_000)));
    console.log(`\nthe other school's page query, no import running: ${stats(baseline.ms)}`);

    // 1. In this process, on the app's pool size.
    const busy = await school(sql, "Școala Import");
    const queue = (tag: string, n: number) => queueImport(app.db, { orgId: busy.orgId, actorUserId: busy.staffId, fileName: `${tag}.csv`, csvText: fileOf(n, tag), mapping: MAPPING });
    await queue("one", rows);
    const one = await sampling(() => otherPage(app.db), () => runQueuedImports(app.db, busy.orgId, invoicingTriggers));
    console.log(`\n1. one import of ${rows} rows (the job's use-case in this process, pool of 10), automatic invoicing (the default) not set up yet`);
    console.log(`   ${one.seconds.toFixed(2)} s → ${(rows / one.seconds).toFixed(0)} rows/s (target: ${rows} rows ≤ 10 s)`);
    console.log(`   the other school's page query meanwhile: ${stats(one.ms)} (target p95 ≤ 300 ms)`);

    // The same file for a school invoicing by hand: the payment trigger only reads the mode.
    const manual = await school(sql, "Școala Manual");
    await sql`insert into billing_settings (org_id, generation_mode) values (${manual.orgId}, 'manual')`;
    await queueImport(app.db, { orgId: manual.orgId, actorUserId: manual.staffId, fileName: "manual.csv", csvText: fileOf(rows, "manual"), mapping: MAPPING });
    const byHand = await sampling(() => otherPage(app.db), () => runQueuedImports(app.db, manual.orgId, invoicingTriggers));
    console.log(`   the same for a school in manual invoicing mode: ${byHand.seconds.toFixed(2)} s → ${(rows / byHand.seconds).toFixed(0)} rows/s; other page ${stats(byHand.ms)}`);

    await queue("first", rows);
    for (let i = 0; i < queued; i++) await queue(`q${i}`, 200);
    // Two processes with two import loops each, all woken for the same school.
    const many = await sampling(() => otherPage(app.db), () => Promise.all(Array.from({ length: 4 }, () => runQueuedImports(app.db, busy.orgId, invoicingTriggers))));
    const total = rows + queued * 200;
    console.log(`\n   ${rows} rows + ${queued} queued imports of 200 rows of the same school, four job loops: ${many.seconds.toFixed(2)} s → ${(total / many.seconds).toFixed(0)} rows/s`);
    console.log(`   the other school's page query meanwhile: ${stats(many.ms)}`);

    // 2. The production server runs the job; the other school's signed-in page over HTTP.
    if (!hasProductionBuild()) {
      console.log("\n2. HTTP: no production build (.next): run `npm run build` first to time the page too.");
      return;
    }
    server = await startApp(sql, url, other.orgId, Number(values.port));
    const boss = new PgBoss({ connectionString: url, schema: "pgboss", max: 2, schedule: false });
    boss.on("error", () => undefined);
    await boss.start();
    try {
      const page = () => server!.get("/registrations");
      for (let i = 0; i < 5; i++) await page();
      const idle = await sampling(page, () => new Promise((r) => setTimeout(r, 3_000)));
      console.log(`\n2. HTTP: the other school's signed-in /registrations, no import running: ${stats(idle.ms)}`);
      const second = await school(sql, "Școala Import 2");
      const queue2 = (tag: string, n: number) => queueImport(app.db, { orgId: second.orgId, actorUserId: second.staffId, fileName: `${tag}.csv`, csvText: fileOf(n, tag), mapping: MAPPING });
      await queue2("http", rows);
      for (let i = 0; i < queued; i++) await queue2(`h${i}`, 200);
      const wake = async () => {
        await boss.send(IMPORT_QUEUE, { orgId: second.orgId }, { singletonKey: `import:${second.orgId}` });
        await boss.getDb().executeSql("select pg_notify($1, $2)", [WAKE_CHANNEL, IMPORT_QUEUE]);
      };
      const http = await sampling(page, async () => {
        await wake();
        await waitDone(sql, second.orgId);
      });
      console.log(`   ${rows} rows + ${queued} × 200 queued, run by the server's import workers: ${http.seconds.toFixed(2)} s (queue to done) → ${(total / http.seconds).toFixed(0)} rows/s`);
      console.log(`   the other school's page meanwhile: ${stats(http.ms)} (target p95 ≤ 300 ms)`);
    } finally {
      await boss.stop({ graceful: false, close: true }).catch(() => undefined);
    }
  } finally {
    await server?.stop();
    await app.close();
    await sql.end({ timeout: 5 });
    await pg.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
