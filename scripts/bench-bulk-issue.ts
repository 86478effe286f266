// Bulk issuing at SmartBill's REAL rate limit (30 calls / 10 s; the client's limiter at its production
// setting), every SmartBill answer delayed 300 ms, two worker processes: 300 invoices in one series, then
// 300 over two series. During each run one manual Issue is made and timed to its issued state.
//   npm run bench:bulk-issue [-- --count 300 --single-after 30]
// Prints figures (no assertions): invoices/s ÷ 3.0 (target ≥ 0.85), SmartBill calls per invoice, 429s
// (target 0), the manual issue's time. ~2 minutes per scenario.
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { createDb } from "../db/client";
import { runMigrations } from "../db/migrate";
import { getInvoiceRequest } from "../db/queries/invoices";
import { enqueueDrain, enqueueDrains } from "../lib/jobs/enqueue";
import { stopBoss } from "../lib/jobs/boss";
import { createBulkRequests } from "../lib/invoicing/requests/bulk";
import { createManualRequest } from "../lib/invoicing/requests/manual";
import { budgetOf, loadSmartBillConfig } from "../lib/smartbill";
import { sandboxAdmin } from "../lib/smartbill-sandbox/admin";
import { DEMO_SMARTBILL } from "../lib/smartbill-sandbox/demo";
import { startSandboxServer } from "../lib/smartbill-sandbox/server";
import { startEmbeddedPostgres, type EmbeddedPg } from "./embedded-pg";
import { createIssueSchool, statusCounts } from "./issue-fixture";
import { startWorkerProcess, type WorkerProcess } from "./worker-processes";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const ms = (x: number | string) => Number(x).toFixed(0);

async function scenario(pg: EmbeddedPg, label: string, series: string[], count: number, singleAfterMs: number) {
  const url = await pg.createDatabase(`bench_${series.length}`);
  await runMigrations(url);
  const h = createDb(url, { max: 8 });
  const admin = sandboxAdmin(h.sql);
  await admin.reset({ seedDemo: true }); // the demo account: SmartBill's 30 calls / 10 s, 10-minute block
  const server = await startSandboxServer({ databaseUrl: url });
  const workers: WorkerProcess[] = [];
  try {
    await admin.addFault({ account: DEMO_SMARTBILL.email, kind: "latency", path: "*", ms: 300, count: 1_000_000 });
    const school = await createIssueSchool(h.db, { baseUrl: server.baseUrl, count: count + 1, series, name: `Bench ${label}` });
    process.env.DATABASE_URL = url; // this process's enqueues
    const env = { SMARTBILL_LOG_LEVEL: "warn" };
    workers.push(...(await Promise.all([startWorkerProcess(url, env, "worker 1"), startWorkerProcess(url, env, "worker 2")])));
    await admin.clearCallLog();
    const bulk = school.registrations.slice(0, count);
    const single = school.registrations[count]!;

    const loadAtStart = os.loadavg();
    const t0 = Date.now();
    const batch = await createBulkRequests(h.db, { orgId: school.orgId, actorUserId: school.staffId, clientBatchId: randomUUID(), selection: { ids: bulk.map((r) => r.id) } });
    await enqueueDrains(batch.series);
    const confirmed = Date.now();

    let singleMs: number | null = null;
    const singleRun = (async () => {
      await sleep(Math.max(0, singleAfterMs - (Date.now() - t0)));
      const clicked = Date.now();
      const r = await createManualRequest(h.db, { orgId: school.orgId, actorUserId: school.staffId, registrationId: single.id, clientRequestId: randomUUID() });
      await enqueueDrain(school.orgId, r.request.companyCif, r.request.seriesName);
      for (;;) {
        const now = await getInvoiceRequest(h.db, school.orgId, r.request.id);
        if (now && now.status !== "queued" && now.status !== "issuing") break;
        await sleep(25);
      }
      singleMs = Date.now() - clicked;
    })();

    let counts: Record<string, number> = {};
    for (;;) {
      counts = await statusCounts(h.db, school.orgId);
      if (!(counts.queued ?? 0) && !(counts.issuing ?? 0) && singleMs !== null) break;
      if (Date.now() - t0 > 20 * 60_000) break;
      await sleep(500);
    }
    await singleRun;
    const [span] = (await h.db.execute(sql`
      select extract(epoch from max(issued_at)) * 1000 as ms from invoice_requests
      where org_id = ${school.orgId} and batch_id = ${batch.batch.id}`)) as unknown as [{ ms: string }];
    const issuedBulk = (await h.db.execute(sql`select count(*)::int as n from invoice_requests where org_id = ${school.orgId} and batch_id = ${batch.batch.id} and status = 'issued'`)) as unknown as [{ n: number }];
    const log = await admin.readCallLog({ account: DEMO_SMARTBILL.email, limit: 10_000 });
    // Where an invoice's time goes, per series (database clock): claim → answer recorded (limiter, HTTP,
    // SmartBill's answer), and answer recorded → next claim (the drain's own bookkeeping and hand-overs).
    const [cycle] = (await h.db.execute(sql`
      with a as (
        select r.series_name, a.started_at, a.finished_at,
               extract(epoch from a.started_at - lag(a.finished_at) over (partition by r.series_name order by a.started_at)) * 1000 as gap_ms
        from invoice_attempts a join invoice_requests r on r.id = a.request_id
        where r.org_id = ${school.orgId} and r.batch_id = ${batch.batch.id} and a.outcome = 'issued')
      select percentile_cont(0.5) within group (order by extract(epoch from finished_at - started_at) * 1000) as send_p50,
             percentile_cont(0.9) within group (order by extract(epoch from finished_at - started_at) * 1000) as send_p90,
             percentile_cont(0.5) within group (order by gap_ms) as gap_p50,
             percentile_cont(0.99) within group (order by gap_ms) as gap_p99,
             sum(gap_ms) filter (where gap_ms > 250) as gaps_over_250
      from a`)) as unknown as [{ send_p50: number; send_p90: number; gap_p50: number; gap_p99: number; gaps_over_250: number | null }];
    const issued = counts.issued ?? 0;
    // From the confirmed batch (its requests committed and the drains woken) to the last bulk invoice.
    const spanMs = Number(span.ms) - confirmed;
    const perSec = issuedBulk[0].n / (spanMs / 1000);
    const byPath = log.reduce<Record<string, number>>((acc, c) => ((acc[`${c.method} ${c.path}`] = (acc[`${c.method} ${c.path}`] ?? 0) + 1), acc), {});
    console.log(
      [
        `— ${label}: ${count} bulk + 1 manual, ${series.length} series (${series.join(", ")}), 2 worker processes`,
        `requests:                ${JSON.stringify(counts)} (batch skipped ${batch.skipped})`,
        `bulk duration:           ${(spanMs / 1000).toFixed(1)} s (batch committed → last bulk invoice issued); creating the batch took ${confirmed - t0} ms`,
        `invoices per second:     ${perSec.toFixed(3)}  → ÷ 3.0 = ${(perSec / 3).toFixed(3)} (target ≥ 0.85)`,
        `SmartBill calls/invoice: ${(log.length / Math.max(1, issued)).toFixed(3)} (${log.length} calls: ${JSON.stringify(byPath)})`,
        `429 responses:           ${log.filter((c) => c.status === 429).length} (target 0)`,
        `manual issue during run: ${singleMs} ms from Issue to issued (made ${(singleAfterMs / 1000).toFixed(0)} s into the run)`,
        `per invoice:             claim → answer recorded p50 ${ms(cycle.send_p50)} / p90 ${ms(cycle.send_p90)} ms; recorded → next claim p50 ${ms(cycle.gap_p50)} / p99 ${ms(cycle.gap_p99)} ms (gaps > 250 ms: ${ms(cycle.gaps_over_250 ?? 0)} ms in all)`,
        `load average (1/5/15):   ${loadAtStart.map((x) => x.toFixed(2)).join(" ")} at the start, ${os.loadavg().map((x) => x.toFixed(2)).join(" ")} at the end (2 cores, shared)`,
      ].join("\n"),
    );
  } finally {
    await Promise.all(workers.map((w) => w.kill("SIGTERM")));
    await stopBoss();
    await server.close();
    await h.close();
  }
}

async function main() {
  const { values } = parseArgs({ options: { count: { type: "string", default: "300" }, "single-after": { type: "string", default: "30" }, only: { type: "string" } } });
  const count = Math.max(10, Number(values.count));
  const singleAfterMs = Number(values["single-after"]) * 1000;
  const policy = loadSmartBillConfig({}).rateLimit;
  console.log(
    `bench:bulk-issue — sandbox at SmartBill's limit 30 calls / 10 s, every answer +300 ms; client limiter at its production setting ` +
      `(budget ${budgetOf(policy)} per ${policy.windowMs + policy.marginMs} ms = ${((budgetOf(policy) * 1000) / (policy.windowMs + policy.marginMs)).toFixed(2)} calls/s)`,
  );
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-bulk-issue-"));
  fs.chmodSync(dir, 0o755);
  const pg = await startEmbeddedPostgres({ dataDir: path.join(dir, "data"), port: 0, database: "bench", persistent: false, fast: true });
  try {
    if (values.only !== "two") await scenario(pg, "one series", ["BRS"], count, singleAfterMs);
    if (values.only !== "one") await scenario(pg, "two series", ["BRS", "BRSC"], count, singleAfterMs);
  } finally {
    await pg.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
