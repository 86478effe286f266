// The chaos run shared by `npm run chaos:issue` (full size, prints figures) and test/chaos-issue.test.ts
// (small, asserts them): registrations issued against the SmartBill sandbox while it misbehaves (creates
// stored then answered by a timeout or a dropped connection, HTML 500s, …), requests made by two "app"
// processes (manual clicks, double clicks sent by both, bulk batches), two worker processes issuing them,
// one SIGKILLed mid-run and restarted; then it waits until quiet and reads the figures from both sides:
// Bursar's requests and the invoices the sandbox stored (by registration reference and by mark).
// The caller owns the database and the sandbox server; the run owns the school, the faults, the processes.
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import readline from "node:readline";
import { sql } from "drizzle-orm";
import type { DbHandle } from "../db/client";
import type { SandboxAdmin } from "../lib/smartbill-sandbox/admin";
import type { FaultKind } from "../lib/smartbill-sandbox/faults";
import { DEMO_SMARTBILL } from "../lib/smartbill-sandbox/demo";
import { byMark, byReference, createIssueSchool, sandboxInvoices, statusCounts, type IssueSchool } from "./issue-fixture";
import { startWorkerProcess, type WorkerProcess } from "./worker-processes";

export const CHAOS_CIF = DEMO_SMARTBILL.company.cif;
/** SmartBill's 30 calls / 10 s scaled ×10 (sandbox and client limiter alike) to keep the run short. */
export const CHAOS_LIMIT = 300;
const WINDOW_MS = 10_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Short timings: an answer lost after 2.5 s, reconciled 4 s after its send, a dead lease found within ~8 s. */
export const CHAOS_WORKER_ENV: Record<string, string> = {
  SMARTBILL_LOG_LEVEL: "error",
  BURSAR_SCALED_RATE_LIMIT: JSON.stringify({ limit: CHAOS_LIMIT, blockMs: 2_000 }),
  SMARTBILL_CREATE_TIMEOUT_MS: "2500",
  SMARTBILL_TIMEOUT_MS: "3000",
  BURSAR_SLOT_WAIT_MS: "3000",
  BURSAR_LEASE_MARGIN_MS: "1500",
  BURSAR_RECONCILE_GRACE_MS: "4000",
  BURSAR_SWEEP_INTERVAL_MS: "1000",
};

/** Share of the creates per fault; "burst_429" is a count of bursts of five 429s spread through the run. */
export interface FaultMix {
  timeout_after_store?: number;
  drop_after_store?: number;
  html_500?: number;
  error_text_200?: number;
  burst_429?: number;
}

export interface ChaosOptions {
  /** The database of the app and of the sandbox (schema smartbill_sandbox). */
  url: string;
  /** A handle on it (figures, waits). */
  h: DbHandle;
  admin: SandboxAdmin;
  /** The sandbox server's base URL (origin + /SBORO/api); it must be the standalone server (drops connections). */
  baseUrl: string;
  count: number;
  /** Series of the demo school company; any but the demo's are created in the sandbox (from number 1). */
  series: string[];
  faults: FaultMix;
  /** When (ms into the run) worker 1 is SIGKILLed (mid-call if it can) and restarted. */
  killsAtMs: number[];
  /** Registrations clicked twice at once with one click id by each app (four sends of one click). */
  doubleClicks: number;
  bulkBatchSize: number;
  /** Longest wait for quiet. */
  quietMaxMs: number;
  workerEnv?: Record<string, string>;
  log?: (line: string) => void;
}

export interface ChaosFigures {
  registrations: number;
  requests: number;
  statuses: Record<string, number>;
  /** Registrations by how many sandbox invoices name their reference: { "1": 100 } is the goal. */
  invoicesPerReference: Record<string, number>;
  /** Registrations by how many sandbox invoices carry one of their requests' marks. */
  invoicesPerMark: Record<string, number>;
  /** Registrations with more than one invoice (by reference or by mark). */
  duplicates: number;
  /** Issued requests whose number's sandbox invoice does not carry their mark (or does not exist). */
  wronglyLinked: number;
  /** Registrations without a request, requests not settled (queued, issuing, in_doubt without evidence, failed without a reason). */
  lost: number;
  stuckIssuing: number;
  inDoubtLeft: number;
  alarms: number;
  attemptOutcomes: Record<string, number>;
  failures: string[];
  /** Up to 10 requests not issued: status, failure, reconcile's verdict and what it read (to see why). */
  notIssued: string[];
  faultsQueued: Record<string, number>;
  appResults: unknown[];
  runMs: number;
}

function shuffle<T>(a: T[]): T[] {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

/** The faults for the creates, in order: each create (a re-send too) consumes the next one; "latency 0" is none. */
export async function queueCreateFaults(admin: SandboxAdmin, creates: number, mix: FaultMix, createTimeoutMs = 2_500): Promise<Record<string, number>> {
  type K = Exclude<FaultKind, "status"> | "429";
  const n = (p: number | undefined) => Math.round(creates * (p ?? 0));
  const faulty: K[] = [
    ...Array<K>(n(mix.timeout_after_store)).fill("timeout_after_store"),
    ...Array<K>(n(mix.drop_after_store)).fill("drop_after_store"),
    ...Array<K>(n(mix.html_500)).fill("html_500"),
    ...Array<K>(n(mix.error_text_200)).fill("error_text_200"),
  ];
  const list: K[] = shuffle([...faulty, ...Array<K>(Math.max(0, creates - faulty.length)).fill("latency")]);
  const bursts = mix.burst_429 ?? 0;
  for (let b = bursts; b >= 1; b--) list.splice(Math.floor((list.length * b) / (bursts + 1)), 0, ...Array<K>(5).fill("429"));
  const account = DEMO_SMARTBILL.email;
  for (const kind of list) {
    if (kind === "429") {
      await admin.addFault({ account, path: "/invoice/v2", kind: "status", status: 429, body: { errorText: "Ati depasit limita de apeluri. Accesul este blocat timp de 10 minute." }, headers: { "Retry-After": "2" } });
    } else {
      // timeout_after_store outlasts the client's create timeout; drop_after_store drops well before it.
      const ms = kind === "timeout_after_store" ? createTimeoutMs + 1_000 : kind === "drop_after_store" ? Math.round(createTimeoutMs / 3) : 0;
      await admin.addFault({ account, path: "/invoice/v2", kind, ms });
    }
  }
  return list.reduce<Record<string, number>>((acc, k) => ((acc[k] = (acc[k] ?? 0) + 1), acc), {});
}

interface AppResult {
  created: number;
  existing: number;
  errors: Record<string, number>;
}

function runApp(url: string, spec: object): Promise<AppResult> {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", path.resolve("scripts/chaos-app.ts")], {
    env: { ...process.env, DATABASE_URL: url, CHAOS_APP: JSON.stringify(spec) },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let out = "";
  readline.createInterface({ input: child.stdout! }).on("line", (l) => (out = l));
  return new Promise((resolve, reject) => child.once("exit", (code) => (code === 0 ? resolve(JSON.parse(out) as AppResult) : reject(new Error(`app exited ${code}`)))));
}

/** Waits until nothing is queued, issuing or in_doubt without evidence, and the counts held still for 3 s. */
export async function waitQuiet(h: DbHandle, orgId: string, maxMs: number): Promise<Record<string, number>> {
  const end = Date.now() + maxMs;
  let stable = 0;
  let last = "";
  for (;;) {
    const counts = await statusCounts(h.db, orgId);
    // In doubt and not yet checked, or checked with an outcome reconcile retries by itself (a read that
    // may pass, more candidates than one proof reads): still moving.
    const [u] = (await h.db.execute(sql`
      select count(*)::int as n from invoice_requests where org_id = ${orgId} and status = 'in_doubt'
        and (evidence is null or evidence->>'verdict' = 'too_many'
             or (evidence->>'verdict' = 'unreadable' and evidence->'candidates' @> '[{"transient": true}]'::jsonb))`)) as unknown as [{ n: number }];
    const key = JSON.stringify(counts);
    const busy = (counts.queued ?? 0) + (counts.issuing ?? 0) + u.n;
    stable = !busy && key === last ? stable + 1 : 0;
    last = key;
    if (stable >= 6 || Date.now() > end) return counts;
    await sleep(500);
  }
}

const tally = (values: number[]) => values.reduce<Record<string, number>>((acc, n) => ((acc[n] = (acc[n] ?? 0) + 1), acc), {});

/** What Bursar and the sandbox each hold now, compared. */
export async function chaosFigures(h: DbHandle, school: IssueSchool): Promise<Omit<ChaosFigures, "faultsQueued" | "appResults" | "runMs">> {
  const invoices = await sandboxInvoices(h.sql);
  const perRef = byReference(invoices);
  const perMark = byMark(invoices);
  const documents = new Map(invoices.map((i) => [i.document, i]));
  const reqs = (await h.db.execute(sql`
    select r.id, r.registration_id as "registrationId", r.status, r.failure_type as "failureType", r.evidence is not null as "hasEvidence",
      r.mark, r.issued_series as "series", r.issued_number as "number", r.expected_number as "expected", r.evidence
    from invoice_requests r where r.org_id = ${school.orgId}`)) as unknown as {
    id: string;
    registrationId: string;
    status: string;
    failureType: string | null;
    hasEvidence: boolean;
    mark: string | null;
    series: string | null;
    number: string | null;
    expected: string | null;
    evidence: { verdict?: string; fromNumber?: string | null; nextNumberNow?: string | null; skipped?: number; candidates?: { number: string; read: string; detail?: string }[] } | null;
  }[];
  const marksOf = new Map<string, string[]>();
  for (const r of reqs) if (r.mark) marksOf.set(r.registrationId, [...(marksOf.get(r.registrationId) ?? []), r.mark]);
  const refCounts = school.registrations.map((g) => perRef.get(g.reference)?.length ?? 0);
  const markCounts = school.registrations.map((g) => new Set((marksOf.get(g.id) ?? []).flatMap((m) => perMark.get(m) ?? [])).size);
  const duplicates = school.registrations.filter((_, i) => refCounts[i]! > 1 || markCounts[i]! > 1).length;
  const wronglyLinked = reqs.filter((r) => r.status === "issued" && !(r.mark && documents.get(`${r.series}-${r.number}`)?.marks.includes(r.mark))).length;
  const withRequest = new Set(reqs.map((r) => r.registrationId));
  const notSettled = reqs.filter((r) => ["queued", "issuing"].includes(r.status) || (r.status === "in_doubt" && !r.hasEvidence) || (r.status === "failed" && !r.failureType));
  const noRequest = school.registrations.filter((r) => !withRequest.has(r.id)).length;
  const outcomes = (await h.db.execute(sql`
    select outcome, count(*)::int as n from invoice_attempts where org_id = ${school.orgId} group by outcome order by outcome`)) as unknown as { outcome: string | null; n: number }[];
  const failures = (await h.db.execute(sql`
    select failure_type as t, retryable, count(*)::int as n from invoice_requests where org_id = ${school.orgId} and status = 'failed' group by 1, 2`)) as unknown as { t: string; retryable: boolean; n: number }[];
  const [alarms] = (await h.db.execute(sql`select count(*)::int as n from invoice_alarms where org_id = ${school.orgId}`)) as unknown as [{ n: number }];
  return {
    registrations: school.registrations.length,
    requests: reqs.length,
    statuses: await statusCounts(h.db, school.orgId),
    invoicesPerReference: tally(refCounts),
    invoicesPerMark: tally(markCounts),
    duplicates,
    wronglyLinked,
    lost: notSettled.length + noRequest,
    stuckIssuing: reqs.filter((r) => r.status === "issuing").length,
    inDoubtLeft: reqs.filter((r) => r.status === "in_doubt").length,
    alarms: alarms.n,
    attemptOutcomes: Object.fromEntries([...outcomes].map((o) => [o.outcome ?? "open", o.n])),
    failures: [...failures].map((f) => `${f.t}${f.retryable ? " (retryable)" : ""}: ${f.n}`),
    notIssued: reqs
      .filter((r) => r.status !== "issued")
      .slice(0, 10)
      .map((r) => {
        const e = r.evidence;
        const read = e?.candidates?.map((c) => `${c.number}:${c.read}${c.detail ? `(${c.detail})` : ""}`).join(" ") ?? "";
        const docs = (r.mark && perMark.get(r.mark)?.join(" ")) || "none";
        return `${r.status}${r.failureType ? ` ${r.failureType}` : ""} mark ${r.mark} (in the sandbox: ${docs}) expected ${r.expected}; verdict ${e?.verdict ?? "-"} from ${e?.fromNumber ?? "-"} to ${e?.nextNumberNow ?? "-"}, skipped ${e?.skipped ?? "-"}, read ${read || "-"}`;
      }),
  };
}

export function formatFigures(label: string, f: Omit<ChaosFigures, "faultsQueued" | "appResults" | "runMs">): string {
  const o = f.attemptOutcomes;
  return [
    `— ${label}`,
    `requests by status:              ${JSON.stringify(f.statuses)} (${f.requests} requests for ${f.registrations} registrations)`,
    `SmartBill invoices/registration: by reference ${JSON.stringify(f.invoicesPerReference)}, by mark ${JSON.stringify(f.invoicesPerMark)} (registrations having 0, 1, 2… invoices in the sandbox)`,
    `duplicates:                      ${f.duplicates} (must be 0)`,
    `wrongly linked:                  ${f.wronglyLinked} (issued requests whose number's invoice does not carry their mark; must be 0)`,
    `lost:                            ${f.lost} (must be 0); stuck issuing ${f.stuckIssuing}`,
    `in_doubt left for a person:      ${f.inDoubtLeft}; alarms ${f.alarms}`,
    `attempt outcomes:                ${JSON.stringify(o)}`,
    `  reconciled: linked automatically ${o.linked ?? 0}, proved not created ${o.proved_not_created ?? 0}, left to a person ${f.inDoubtLeft}`,
    `failed:                          ${JSON.stringify(f.failures)}`,
    ...f.notIssued.map((l) => `  not issued: ${l}`),
  ].join("\n");
}

/** A running chaos run's school and worker processes, for what the caller does after it (the script's bulk retry). */
export interface ChaosRun {
  school: IssueSchool;
  figures: ChaosFigures;
  workers: (WorkerProcess | undefined)[];
  /** Stops the worker processes (SIGTERM). */
  stop(): Promise<void>;
}

export async function runChaos(o: ChaosOptions): Promise<ChaosRun> {
  const log = o.log ?? ((l: string) => console.log(l));
  const workerEnv = { ...CHAOS_WORKER_ENV, ...o.workerEnv };
  const started = Date.now();
  await o.admin.setRateLimit({ account: DEMO_SMARTBILL.email, limit: CHAOS_LIMIT, windowMs: WINDOW_MS, blockMs: 2_000 });
  const demoSeries = new Set<string>(DEMO_SMARTBILL.company.series.map((s) => s.name));
  for (const s of o.series) if (!demoSeries.has(s)) await o.admin.upsertSeries({ cif: CHAOS_CIF, name: s, type: "f", nextNumber: 1, padWidth: 4 });
  const school = await createIssueSchool(o.h.db, { baseUrl: o.baseUrl, count: o.count, series: o.series, name: "Chaos School" });
  const faultsQueued = await queueCreateFaults(o.admin, o.count, o.faults, Number(workerEnv.SMARTBILL_CREATE_TIMEOUT_MS));
  log(
    `chaos:issue — ${o.count} registrations over ${o.series.length} series; sandbox at ${CHAOS_LIMIT} calls / ${WINDOW_MS / 1000} s ` +
      `(SmartBill's 30 / 10 s scaled ×${CHAOS_LIMIT / 30}), the client's limiter scaled the same way; faults queued for the creates: ${JSON.stringify(faultsQueued)}`,
  );
  const workers: (WorkerProcess | undefined)[] = [];
  const stop = async () => {
    await Promise.all(workers.map((w) => w?.kill("SIGTERM")));
  };
  try {
    workers.push(...(await Promise.all([startWorkerProcess(o.url, workerEnv, "worker 1"), startWorkerProcess(o.url, workerEnv, "worker 2")])));
    log(`[chaos] worker processes ready`);

    // App A: manual clicks on the first half (the first `doubleClicks` double-clicked, also sent by app B);
    // app B: the second half in bulk batches.
    const ids = school.registrations.map((r) => r.id);
    const half = Math.floor(ids.length / 2);
    const doubleClicks = ids.slice(0, o.doubleClicks).map((registrationId) => ({ registrationId, clientRequestId: randomUUID() }));
    const bulk: string[][] = [];
    for (let i = half; i < ids.length; i += o.bulkBatchSize) bulk.push(ids.slice(i, i + o.bulkBatchSize));
    const base = { orgId: school.orgId, actorUserId: school.staffId };
    const runStart = Date.now();
    const apps = Promise.all([
      runApp(o.url, { ...base, manual: ids.slice(o.doubleClicks, half), doubleClicks, bulk: [], paceMs: 40 }),
      runApp(o.url, { ...base, manual: [], doubleClicks, bulk, paceMs: 0 }),
    ]);
    const killer = (async () => {
      for (const at of o.killsAtMs) {
        await sleep(Math.max(0, at - (Date.now() - runStart)));
        // Aim for mid-call: wait (up to 5 s) until some create is in flight.
        for (let i = 0; i < 100; i++) {
          const [x] = (await o.h.db.execute(sql`select count(*)::int as n from invoice_requests where org_id = ${school.orgId} and status = 'issuing'`)) as unknown as [{ n: number }];
          if (x.n > 0) break;
          await sleep(50);
        }
        await workers[0]?.kill("SIGKILL");
        log(`[chaos] run +${((Date.now() - runStart) / 1000).toFixed(1)} s: worker 1 SIGKILLed mid-run, restarting`);
        await sleep(1_000);
        workers[0] = await startWorkerProcess(o.url, workerEnv, "worker 1");
      }
    })();
    const appResults = await apps;
    await killer;
    log(`[chaos] apps done: ${JSON.stringify(appResults)}`);
    await waitQuiet(o.h, school.orgId, o.quietMaxMs);
    log(`[chaos] quiet`);
    const figures: ChaosFigures = { ...(await chaosFigures(o.h, school)), faultsQueued, appResults, runMs: Date.now() - started };
    return { school, figures, workers, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
