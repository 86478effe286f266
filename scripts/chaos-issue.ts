// chaos:issue — 500 registrations issued against the SmartBill sandbox (in-process, loopback) while it
// misbehaves: 10 % timeouts after storing, 5 % 500 HTML, 2 % 200 with errorText, 429 bursts; two app
// processes create the requests (manual clicks, bulk batches, 20 double-clicked rows), two worker
// processes issue them, one worker is SIGKILLed twice and restarted. Then reconcile runs until quiet and
// a staff member bulk-retries the retryable failures. Prints figures, asserts nothing, stops by itself.
//   npm run chaos:issue [-- --count 500 --series 5]
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { createDb, type DbHandle } from "../db/client";
import { runMigrations } from "../db/migrate";
import { retryFailedRequests } from "../lib/invoicing/requests/retry";
import { enqueueDrains } from "../lib/jobs/enqueue";
import { stopBoss } from "../lib/jobs/boss";
import { sandboxAdmin } from "../lib/smartbill-sandbox/admin";
import { DEMO_SMARTBILL } from "../lib/smartbill-sandbox/demo";
import { startSandboxServer } from "../lib/smartbill-sandbox/server";
import { startEmbeddedPostgres } from "./embedded-pg";
import { createIssueSchool, sandboxInvoicesByReference, statusCounts, type IssueSchool } from "./issue-fixture";
import { startWorkerProcess, type WorkerProcess } from "./worker-processes";

const LIMIT = 300; // SmartBill: 30 calls / 10 s; scaled ×10 to keep the run short
const WINDOW_MS = 10_000;
const CIF = DEMO_SMARTBILL.company.cif;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const WORKER_ENV = {
  SMARTBILL_LOG_LEVEL: "error",
  BURSAR_SCALED_RATE_LIMIT: JSON.stringify({ limit: LIMIT, blockMs: 2_000 }),
  SMARTBILL_CREATE_TIMEOUT_MS: "2500",
  SMARTBILL_TIMEOUT_MS: "3000",
  BURSAR_SLOT_WAIT_MS: "3000",
  BURSAR_LEASE_MARGIN_MS: "1500",
  BURSAR_RECONCILE_GRACE_MS: "4000",
  BURSAR_SWEEP_INTERVAL_MS: "1000",
};

function shuffle<T>(a: T[]): T[] {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

/** The faults for the creates, in order: each create consumes the next one ("latency 0" = none). */
async function queueFaults(admin: ReturnType<typeof sandboxAdmin>, creates: number): Promise<Record<string, number>> {
  type F = { kind: "latency" | "timeout_after_store" | "html_500" | "error_text_200" | "status" };
  const n = (p: number) => Math.round(creates * p);
  const list: F["kind"][] = shuffle([
    ...Array<F["kind"]>(n(0.1)).fill("timeout_after_store"),
    ...Array<F["kind"]>(n(0.05)).fill("html_500"),
    ...Array<F["kind"]>(n(0.02)).fill("error_text_200"),
    ...Array<F["kind"]>(creates - n(0.17)).fill("latency"),
  ]);
  // Three bursts of five 429s, spread through the run.
  for (const at of [0.2, 0.5, 0.8].map((p) => Math.floor(list.length * p)).reverse()) list.splice(at, 0, ...Array<F["kind"]>(5).fill("status"));
  const account = DEMO_SMARTBILL.email;
  for (const kind of list) {
    if (kind === "status") {
      await admin.addFault({ account, path: "/invoice/v2", kind, status: 429, body: { errorText: "Ati depasit limita de apeluri. Accesul este blocat timp de 10 minute." }, headers: { "Retry-After": "2" } });
    } else await admin.addFault({ account, path: "/invoice/v2", kind, ms: kind === "timeout_after_store" ? 3_500 : 0 });
  }
  return list.reduce<Record<string, number>>((acc, k) => ((acc[k === "status" ? "429" : k] = (acc[k === "status" ? "429" : k] ?? 0) + 1), acc), {});
}

function runApp(url: string, spec: object): Promise<{ created: number; existing: number; errors: Record<string, number> }> {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", path.resolve("scripts/chaos-app.ts")], {
    env: { ...process.env, DATABASE_URL: url, CHAOS_APP: JSON.stringify(spec) },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let out = "";
  readline.createInterface({ input: child.stdout! }).on("line", (l) => (out = l));
  return new Promise((resolve, reject) => child.once("exit", (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`app exited ${code}`)))));
}

async function waitQuiet(h: DbHandle, orgId: string, maxMs: number): Promise<Record<string, number>> {
  const end = Date.now() + maxMs;
  let stable = 0;
  let last = "";
  for (;;) {
    const counts = await statusCounts(h.db, orgId);
    const [u] = (await h.db.execute(sql`select count(*)::int as n from invoice_requests where org_id = ${orgId} and status = 'in_doubt' and evidence is null`)) as unknown as [{ n: number }];
    const key = JSON.stringify(counts);
    const busy = (counts.queued ?? 0) + (counts.issuing ?? 0) + u.n;
    stable = !busy && key === last ? stable + 1 : 0;
    last = key;
    if (stable >= 6 || Date.now() > end) return counts;
    await sleep(500);
  }
}

async function report(h: DbHandle, school: IssueSchool, label: string) {
  const byRef = await sandboxInvoicesByReference(h.sql);
  const reqs = (await h.db.execute(sql`
    select r.id, r.registration_id as "registrationId", r.status, r.failure_type as "failureType", r.evidence is not null as "hasEvidence",
      r.issued_series as "series", r.issued_number as "number"
    from invoice_requests r where r.org_id = ${school.orgId}`)) as unknown as { id: string; registrationId: string; status: string; failureType: string | null; hasEvidence: boolean; series: string | null; number: string | null }[];
  const refOf = new Map(school.registrations.map((r) => [r.id, r.reference]));
  const perReg: Record<string, number> = {};
  let issuedMismatch = 0;
  for (const r of school.registrations) {
    const n = byRef.get(r.reference)?.length ?? 0;
    perReg[n] = (perReg[n] ?? 0) + 1;
  }
  const issued = [...reqs].filter((r) => r.status === "issued");
  for (const r of issued) {
    const inv = byRef.get(refOf.get(r.registrationId)!) ?? [];
    if (inv.length !== 1 || inv[0] !== `${r.series}-${r.number}`) issuedMismatch++;
  }
  const withRequest = new Set([...reqs].map((r) => r.registrationId));
  const lost = [...reqs].filter((r) => ["queued", "issuing"].includes(r.status) || (r.status === "in_doubt" && !r.hasEvidence) || (r.status === "failed" && !r.failureType));
  const noRequest = school.registrations.filter((r) => !withRequest.has(r.id)).length;
  const unresolved = [...reqs].filter((r) => r.status === "in_doubt").length;
  const outcomes = (await h.db.execute(sql`
    select outcome, count(*)::int as n from invoice_attempts where org_id = ${school.orgId} group by outcome order by outcome`)) as unknown as { outcome: string | null; n: number }[];
  const failures = (await h.db.execute(sql`
    select failure_type as t, retryable, count(*)::int as n from invoice_requests where org_id = ${school.orgId} and status = 'failed' group by 1, 2`)) as unknown as { t: string; retryable: boolean; n: number }[];
  console.log(
    [
      `— ${label}`,
      `requests by status:            ${JSON.stringify(await statusCounts(h.db, school.orgId))}`,
      `SmartBill invoices/registration: ${JSON.stringify(perReg)} (count of registrations having 0, 1, 2… invoices in the sandbox)`,
      `issued requests without exactly their one invoice: ${issuedMismatch} of ${issued.length} (must be 0)`,
      `requests lost:                 ${lost.length + noRequest} (${lost.length} not settled, ${noRequest} registrations with no request) (must be 0)`,
      `in_doubt left for a person:    ${unresolved}`,
      `attempt outcomes:              ${JSON.stringify(Object.fromEntries([...outcomes].map((o) => [o.outcome ?? "open", o.n])))}`,
      `  reconciled: linked automatically ${[...outcomes].find((o) => o.outcome === "linked")?.n ?? 0}, proved not created ${[...outcomes].find((o) => o.outcome === "proved_not_created")?.n ?? 0}, left to a person ${unresolved}`,
      `failed:                        ${JSON.stringify([...failures].map((f) => `${f.t}${f.retryable ? " (retryable)" : ""}: ${f.n}`))}`,
    ].join("\n"),
  );
}

async function main() {
  const { values } = parseArgs({ options: { count: { type: "string", default: "500" }, series: { type: "string", default: "5" } } });
  const count = Math.max(40, Number(values.count));
  const seriesCount = Math.min(5, Math.max(1, Number(values.series)));
  const started = Date.now();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "chaos-issue-"));
  fs.chmodSync(dir, 0o755);
  const pg = await startEmbeddedPostgres({ dataDir: path.join(dir, "data"), port: 0, database: "chaos", persistent: false, fast: true });
  const h = createDb(pg.url, { max: 6 });
  const admin = sandboxAdmin(h.sql);
  let server: Awaited<ReturnType<typeof startSandboxServer>> | undefined;
  const workers: (WorkerProcess | undefined)[] = [];
  try {
    await runMigrations(pg.url);
    process.env.DATABASE_URL = pg.url;
    await admin.reset({ seedDemo: true });
    await admin.setRateLimit({ account: DEMO_SMARTBILL.email, limit: LIMIT, windowMs: WINDOW_MS, blockMs: 2_000 });
    const series = ["BRS", "BRSC", "CH1", "CH2", "CH3"].slice(0, seriesCount);
    for (const s of series.slice(2)) await admin.upsertSeries({ cif: CIF, name: s, type: "f", nextNumber: 1, padWidth: 4 });
    server = await startSandboxServer({ databaseUrl: pg.url, seedDemo: false });
    const school = await createIssueSchool(h.db, { baseUrl: server.baseUrl, count, series, name: "Chaos School" });
    const faults = await queueFaults(admin, count);
    console.log(
      `chaos:issue — ${count} registrations over ${series.length} series; sandbox (loopback ${server.origin}) at ${LIMIT} calls / ${WINDOW_MS / 1000} s ` +
        `(SmartBill's 30 / 10 s scaled ×${LIMIT / 30}), the client's limiter scaled the same way; faults queued for the creates: ${JSON.stringify(faults)}`,
    );
    workers.push(await startWorkerProcess(pg.url, WORKER_ENV, "worker 1"), await startWorkerProcess(pg.url, WORKER_ENV, "worker 2"));

    // App A: manual clicks on the first half (20 of them double-clicked, also sent by app B);
    // app B: the second half in bulk batches of 50.
    const ids = school.registrations.map((r) => r.id);
    const half = Math.floor(ids.length / 2);
    const doubleClicks = ids.slice(0, 20).map((registrationId) => ({ registrationId, clientRequestId: randomUUID() }));
    const bulk: string[][] = [];
    for (let i = half; i < ids.length; i += 50) bulk.push(ids.slice(i, i + 50));
    const base = { orgId: school.orgId, actorUserId: school.staffId };
    const apps = Promise.all([
      runApp(pg.url, { ...base, manual: ids.slice(20, half), doubleClicks, bulk: [], paceMs: 40 }),
      runApp(pg.url, { ...base, manual: [], doubleClicks, bulk, paceMs: 0 }),
    ]);
    // Kill worker 1 twice mid-run (SIGKILL), restarting it each time.
    const runStart = Date.now();
    const killer = (async () => {
      for (const at of [8_000, 20_000]) {
        await sleep(Math.max(0, at - (Date.now() - runStart)));
        // Aim for mid-call: wait (up to 5 s) until some create is in flight.
        for (let i = 0; i < 100; i++) {
          const [x] = (await h.db.execute(sql`select count(*)::int as n from invoice_requests where org_id = ${school.orgId} and status = 'issuing'`)) as unknown as [{ n: number }];
          if (x.n > 0) break;
          await sleep(50);
        }
        await workers[0]?.kill("SIGKILL");
        console.log(`[chaos] run +${((Date.now() - runStart) / 1000).toFixed(1)} s: worker 1 SIGKILLed mid-run, restarting`);
        await sleep(1_000);
        workers[0] = await startWorkerProcess(pg.url, WORKER_ENV, "worker 1");
      }
    })();
    const appResults = await apps;
    await killer;
    console.log(`[chaos] apps done: ${JSON.stringify(appResults)}`);
    await waitQuiet(h, school.orgId, 6 * 60_000);
    await report(h, school, `after the run and reconcile until quiet (+${((Date.now() - started) / 1000).toFixed(0)} s)`);

    // A staff member's bulk retry of retryable failures (rebuilt from today's settings).
    const retried = await retryFailedRequests(h.db, { orgId: school.orgId, actorUserId: school.staffId });
    await enqueueDrains(series.map((s) => ({ orgId: school.orgId, cif: CIF, series: s })));
    console.log(`[chaos] bulk retry: ${retried.retried.length} retried, ${retried.skipped} skipped (not retryable)`);
    await waitQuiet(h, school.orgId, 3 * 60_000);
    await report(h, school, `after the bulk retry (+${((Date.now() - started) / 1000).toFixed(0)} s)`);
  } finally {
    await Promise.all(workers.map((w) => w?.kill("SIGTERM")));
    await stopBoss();
    await server?.close();
    await h.close();
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
