// Bulk issuing at SmartBill's REAL rate limit (30 calls / 10 s; the client's limiter at its production
// setting), every SmartBill answer delayed 300 ms, two worker processes: 300 invoices in one series, then
// 300 over two series. During each run one manual Issue is made and timed to its issued state.
//   npm run bench:bulk-issue [-- --count 300 --single-after 30]
// Prints figures (no assertions): invoices/s ÷ 3.0 (target ≥ 0.85), SmartBill calls per invoice, 429s
// (target 0), the manual issue's time. ~2 minutes per scenario.
//
// With --faults (issue 15): 300 invoices in one series, once without faults and once with 10 % of the
// creates stored then answered by a connection dropped after 20 s (drop_after_store: the standalone
// sandbox server really destroys the socket) and 5 % HTML 500s, at the production timings (create timeout
// 60 s, reconcile grace create timeout + 10 s). Prints: first-attempt issued invoices per second with
// faults ÷ without (target ≥ 0.85), whole-run time with faults − without (target ≤ grace + 90 s), the
// longest time from an ambiguous answer to its resolution (target ≤ grace + 60 s), duplicates, lost and
// wrongly linked (each 0), SmartBill calls per invoice (PDF reads included). ~8 minutes.
//   npm run bench:bulk-issue -- --faults [--count 300]
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
import { chaosFigures, waitQuiet } from "./chaos-issue-run";
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

const ACCOUNT = DEMO_SMARTBILL.email;
/** A create stored, then its connection dropped this long after (the client's create timeout is 60 s). */
const DROP_AFTER_MS = 20_000;

function shuffle<T>(a: T[]): T[] {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

interface FaultRun {
  label: string;
  faultsQueued: Record<string, number>;
  issued: number;
  firstAttempt: number;
  /** First-attempt issued invoices per second (batch committed → the last of them). */
  firstAttemptPerSec: number;
  /** Batch committed → the last request settled. */
  wholeMs: number;
  ambiguous: number;
  /** Longest ambiguous answer → reconcile's decision (linked / proved not created), and → issued. */
  maxToDecisionMs: number | null;
  maxToIssuedMs: number | null;
  figures: Awaited<ReturnType<typeof chaosFigures>>;
  calls: number;
  byPath: Record<string, number>;
  status429: number;
}

/**
 * 300 invoices in one series at SmartBill's real limit, every call +300 ms; with `faults`, the creates
 * first meet (in a shuffled order) 10 % drop_after_store after 20 s and 5 % html_500. The sandbox takes
 * the oldest matching fault per call, so the per-create faults are queued before the "every call" latency
 * (a faulty create is not also delayed 300 ms; a create beyond the queued ones — a re-send — is).
 */
async function faultScenario(pg: EmbeddedPg, label: string, count: number, faults: boolean): Promise<FaultRun> {
  const url = await pg.createDatabase(`bench_faults_${faults ? "on" : "off"}`);
  await runMigrations(url);
  const h = createDb(url, { max: 8 });
  const admin = sandboxAdmin(h.sql);
  await admin.reset({ seedDemo: true }); // the demo account: SmartBill's 30 calls / 10 s, 10-minute block
  const server = await startSandboxServer({ databaseUrl: url });
  const workers: WorkerProcess[] = [];
  try {
    const school = await createIssueSchool(h.db, { baseUrl: server.baseUrl, count, series: ["BRS"], name: `Bench ${label}` });
    const faultsQueued: Record<string, number> = {};
    if (faults) {
      const drops = Math.round(count * 0.1);
      const html = Math.round(count * 0.05);
      const list = shuffle([...Array<string>(drops).fill("drop_after_store"), ...Array<string>(html).fill("html_500"), ...Array<string>(count - drops - html).fill("latency")]);
      for (const kind of list) {
        if (kind === "drop_after_store") await admin.addFault({ account: ACCOUNT, path: "/invoice/v2", kind, ms: DROP_AFTER_MS });
        else if (kind === "html_500") await admin.addFault({ account: ACCOUNT, path: "/invoice/v2", kind });
        else await admin.addFault({ account: ACCOUNT, path: "/invoice/v2", kind: "latency", ms: 300 });
        faultsQueued[kind] = (faultsQueued[kind] ?? 0) + 1;
      }
    }
    await admin.addFault({ account: ACCOUNT, kind: "latency", path: "*", ms: 300, count: 1_000_000 });
    process.env.DATABASE_URL = url; // this process's enqueues
    const env = { SMARTBILL_LOG_LEVEL: "warn" };
    workers.push(...(await Promise.all([startWorkerProcess(url, env, "worker 1"), startWorkerProcess(url, env, "worker 2")])));
    await admin.clearCallLog();

    const batch = await createBulkRequests(h.db, { orgId: school.orgId, actorUserId: school.staffId, clientBatchId: randomUUID(), selection: { ids: school.registrations.map((r) => r.id) } });
    await enqueueDrains(batch.series);
    const confirmed = Date.now();
    await waitQuiet(h, school.orgId, 25 * 60_000);

    const [t] = (await h.db.execute(sql`
      select count(*) filter (where status = 'issued')::int as issued,
             extract(epoch from max(coalesce(issued_at, updated_at))) * 1000 as settled_ms
      from invoice_requests where org_id = ${school.orgId}`)) as unknown as [{ issued: number; settled_ms: string }];
    // First attempt: the request's first create answered with its document.
    const [first] = (await h.db.execute(sql`
      select count(*)::int as n, extract(epoch from max(r.issued_at)) * 1000 as last_ms
      from invoice_requests r
      where r.org_id = ${school.orgId} and r.status = 'issued'
        and (select a.outcome from invoice_attempts a where a.request_id = r.id and a.request_body is not null order by a.started_at limit 1) = 'issued'`)) as unknown as [{ n: number; last_ms: string }];
    const [amb] = (await h.db.execute(sql`
      with a as (
        select a.finished_at as answered_at, r.issued_at,
               (select min(d.finished_at) from invoice_attempts d
                where d.request_id = a.request_id and d.outcome in ('linked', 'proved_not_created') and d.started_at >= a.started_at) as decided_at
        from invoice_attempts a join invoice_requests r on r.id = a.request_id
        where r.org_id = ${school.orgId} and a.outcome in ('ambiguous', 'worker_lost'))
      select count(*)::int as n,
             max(extract(epoch from decided_at - answered_at)) * 1000 as to_decision,
             max(extract(epoch from issued_at - answered_at)) * 1000 as to_issued
      from a`)) as unknown as [{ n: number; to_decision: string | null; to_issued: string | null }];
    const log = await admin.readCallLog({ account: ACCOUNT, limit: 10_000 });
    const byPath = log.reduce<Record<string, number>>((acc, c) => ((acc[`${c.method} ${c.path}`] = (acc[`${c.method} ${c.path}`] ?? 0) + 1), acc), {});
    return {
      label,
      faultsQueued,
      issued: t.issued,
      firstAttempt: first.n,
      firstAttemptPerSec: first.n / ((Number(first.last_ms) - confirmed) / 1000),
      wholeMs: Number(t.settled_ms) - confirmed,
      ambiguous: amb.n,
      maxToDecisionMs: amb.to_decision === null ? null : Number(amb.to_decision),
      maxToIssuedMs: amb.to_issued === null ? null : Number(amb.to_issued),
      figures: await chaosFigures(h, school),
      calls: log.length,
      byPath,
      status429: log.filter((c) => c.status === 429).length,
    };
  } finally {
    await Promise.all(workers.map((w) => w.kill("SIGTERM")));
    await stopBoss();
    await server.close();
    await h.close();
  }
}

function printFaultRun(r: FaultRun): void {
  const f = r.figures;
  console.log(
    [
      `— ${r.label}${Object.keys(r.faultsQueued).length ? `: create faults ${JSON.stringify(r.faultsQueued)}` : ""}`,
      `requests:                     ${JSON.stringify(f.statuses)}; attempts ${JSON.stringify(f.attemptOutcomes)}`,
      `first-attempt issued:         ${r.firstAttempt} at ${r.firstAttemptPerSec.toFixed(3)} invoices/s`,
      `whole run:                    ${(r.wholeMs / 1000).toFixed(1)} s (batch committed → last request settled)`,
      `ambiguous answers:            ${r.ambiguous}; longest answer → decision ${r.maxToDecisionMs === null ? "-" : `${(r.maxToDecisionMs / 1000).toFixed(1)} s`}, → issued ${r.maxToIssuedMs === null ? "-" : `${(r.maxToIssuedMs / 1000).toFixed(1)} s`}`,
      `duplicates / lost / wrongly linked: ${f.duplicates} / ${f.lost} / ${f.wronglyLinked}; in_doubt left ${f.inDoubtLeft}, alarms ${f.alarms}`,
      `SmartBill calls/invoice:      ${(r.calls / Math.max(1, r.issued)).toFixed(3)} (${r.calls} calls: ${JSON.stringify(r.byPath)}); 429s ${r.status429}`,
      ...f.notIssued.map((l) => `  not issued: ${l}`),
    ].join("\n"),
  );
}

async function faultsBench(pg: EmbeddedPg, count: number): Promise<void> {
  const createTimeoutMs = loadSmartBillConfig({}).createTimeoutMs;
  const graceMs = createTimeoutMs + 10_000;
  console.log(
    `bench:bulk-issue --faults — ${count} invoices, one series, SmartBill's limit 30 calls / 10 s, every call +300 ms, 2 worker processes; ` +
      `create timeout ${createTimeoutMs / 1000} s, reconcile grace ${graceMs / 1000} s (the defaults)`,
  );
  const clean = await faultScenario(pg, "without faults", count, false);
  printFaultRun(clean);
  const faulty = await faultScenario(pg, "with faults", count, true);
  printFaultRun(faulty);
  const ratio = faulty.firstAttemptPerSec / clean.firstAttemptPerSec;
  const extra = (faulty.wholeMs - clean.wholeMs) / 1000;
  const worst = faulty.maxToIssuedMs === null ? null : faulty.maxToIssuedMs / 1000;
  const bad = faulty.figures.duplicates + clean.figures.duplicates;
  console.log(
    [
      `— figures`,
      `first-attempt invoices/s, faults ÷ none: ${ratio.toFixed(3)} (target ≥ 0.85)`,
      `whole run, faults − none:                ${extra.toFixed(1)} s (target ≤ grace + 90 s = ${graceMs / 1000 + 90} s)`,
      `longest ambiguous answer → resolution:  ${worst === null ? "-" : `${worst.toFixed(1)} s`} to issued, ${faulty.maxToDecisionMs === null ? "-" : `${(faulty.maxToDecisionMs / 1000).toFixed(1)} s`} to reconcile's decision (target ≤ grace + 60 s = ${graceMs / 1000 + 60} s)`,
      `duplicates / lost / wrongly linked:     ${bad} / ${faulty.figures.lost + clean.figures.lost} / ${faulty.figures.wronglyLinked + clean.figures.wronglyLinked} (each must be 0)`,
      `SmartBill calls per invoice:             ${(faulty.calls / Math.max(1, faulty.issued)).toFixed(3)} with faults, ${(clean.calls / Math.max(1, clean.issued)).toFixed(3)} without (PDF reads included)`,
    ].join("\n"),
  );
}

async function main() {
  const { values } = parseArgs({ options: { count: { type: "string", default: "300" }, "single-after": { type: "string", default: "30" }, only: { type: "string" }, faults: { type: "boolean", default: false } } });
  const count = Math.max(10, Number(values.count));
  const singleAfterMs = Number(values["single-after"]) * 1000;
  if (values.faults) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-bulk-issue-"));
    fs.chmodSync(dir, 0o755);
    const pg = await startEmbeddedPostgres({ dataDir: path.join(dir, "data"), port: 0, database: "bench", persistent: false, fast: true });
    try {
      await faultsBench(pg, count);
    } finally {
      await pg.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
    return;
  }
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
