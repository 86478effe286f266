import "server-only";
import { performance } from "node:perf_hooks";
import { and, eq } from "drizzle-orm";
import { getActiveConnection } from "@/db/queries/smartbill-connections";
import { invoiceRequests } from "@/db/schema";
import { credentialsOf } from "@/lib/smartbill/school-credentials";
import { logError } from "@/lib/log";
import { todayInBucharest } from "@/lib/registrations/dates";
import { isSmartBillError, SmartBillError, type InvoiceInput, type SmartBillCredentials } from "@/lib/smartbill";
import { resolved, type InvoicingDeps } from "../deps";
import { failureOfType } from "./failures";
import { claimNext, confirmClaim, MAX_IN_FLIGHT, SLOW_ANSWER_MS, type Claimed } from "./claim";
import { finishAttempt, recordError, recordIssued } from "./record";
import { getSeries, storeNextNumber, type SeriesRef } from "./series";
import { moveRequests } from "./status";

// Issuing: drainSeries sends the queued requests of one (company, series), up to MAX_IN_FLIGHT creates at
// once per school across processes (the claim caps them; a create slow to answer stops counting). A create whose outcome is unknown is never sent
// again here: the request goes in_doubt and the series goes on; reconcile proves it later by its mark.

export type DrainStop =
  | "empty"
  | "budget"
  | "paused"
  | "rate_limited"
  | "unavailable"
  | "at_capacity"
  | "blocked"
  | "not_connected"
  | "series_missing"
  | "series_unreadable";

export interface DrainResult {
  issued: string[];
  failed: string[];
  /** Requests to reconcile (enqueue `invoice-reconcile` for each, after the grace period). */
  inDoubt: string[];
  /** Issued answers whose request had moved on: stored as alarms. */
  alarms: string[];
  stopped: DrainStop;
  /** Queued requests wait until then (backoff, rate limit, a full account): wake a drain at that time. */
  retryAt: Date | null;
  /** More is queued and ready now (the budget ran out): wake a drain now. */
  more: boolean;
}

type Resolved = ReturnType<typeof resolved>;

/** Creates one drain may have out at once (slow ones included; at most MAX_IN_FLIGHT of them young). */
export const MAX_LANES = 16;
const CAPACITY_POLL_MS = 500;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** How long a next number SmartBill told us stays fresh enough to skip GET /series. */
export const FRESH_NEXT_NUMBER_MS = 5_000;

async function failQueued(deps: InvoicingDeps, s: SeriesRef, move: "notConnected" | "seriesGone", type: "credentials" | "series"): Promise<string[]> {
  const f = failureOfType(type);
  const rows = await moveRequests(deps.db, {
    orgId: s.orgId,
    move,
    set: { failureType: f.type, failureReason: f.messageKey, retryable: f.retryable },
    where: and(eq(invoiceRequests.companyCif, s.cif), eq(invoiceRequests.seriesName, s.series), eq(invoiceRequests.status, "queued")),
  });
  return rows.map((r) => r.id);
}

/**
 * SmartBill's next number for the series, once per drain (someone may have issued in SmartBill's UI):
 * the lowest number each claim may take, from which reconcile reads. A read that fails stops the drain
 * (typed) before any create is spent; a series SmartBill no longer has fails its queued requests.
 */
async function refreshNextNumber(deps: InvoicingDeps, s: SeriesRef, creds: SmartBillCredentials, o: Resolved): Promise<DrainStop | null> {
  // Once per drain at most every FRESH_NEXT_NUMBER_MS, and a manual request may be waiting behind it.
  const asked = performance.now();
  const list = await deps.sb.series.list(creds, { type: "f" }, { maxWaitMs: o.slotWaitMs, priority: "interactive" });
  const found = list.find((x) => x.name === s.series);
  if (!found) return "series_missing";
  await storeNextNumber(deps.db, s, found.nextNumber, performance.now() - asked);
  return null;
}

async function sendOne(deps: InvoicingDeps, s: SeriesRef, creds: SmartBillCredentials, c: Claimed, o: Resolved, result: DrainResult): Promise<DrainStop | null> {
  if (!(await confirmClaim(deps.db, s.orgId, c, o.leaseMs))) {
    // Stalled past the lease: the request is someone else's now. Nothing was sent.
    await finishAttempt(deps.db, s.orgId, c.claim, "not_sent");
    return null;
  }
  try {
    const priority = c.kind === "manual" ? "interactive" : "bulk";
    const doc = await deps.sb.invoices.create(creds, c.payload as unknown as InvoiceInput, { maxWaitMs: o.slotWaitMs, priority });
    const r = await recordIssued(deps.db, s, c, doc);
    if (r === "alarm") result.alarms.push(c.id);
    else result.issued.push(c.id);
    return null;
  } catch (err) {
    // Anything but a SmartBillError is unexpected: the create may have gone out, so it is ambiguous.
    const e = isSmartBillError(err) ? err : new SmartBillError({ code: "ambiguous", operation: "invoices.create" });
    const out = await recordError(deps.db, s, c, e);
    if (out.inDoubt) result.inDoubt.push(c.id);
    if (out.failed) result.failed.push(c.id);
    if (out.retryAt) result.retryAt = out.retryAt;
    return out.stop === "in_doubt" ? null : (out.stop ?? null);
  }
}

/** Sends the queued requests of one series until none is ready, the budget runs out, or it must stop. */
export async function drainSeries(deps: InvoicingDeps, orgId: string, cif: string, series: string): Promise<DrainResult> {
  const o = resolved(deps);
  const s: SeriesRef = { orgId, cif, series };
  const result: DrainResult = { issued: [], failed: [], inDoubt: [], alarms: [], stopped: "empty", retryAt: null, more: false };
  const started = Date.now();
  const connection = await getActiveConnection(deps.db, orgId);
  if (!connection) {
    result.failed.push(...(await failQueued(deps, s, "notConnected", "credentials")));
    return { ...result, stopped: "not_connected" };
  }
  const creds: SmartBillCredentials = { ...credentialsOf(connection), cif };
  const known = await getSeries(deps.db, s);
  if (known?.blockedByRequestId) return { ...result, stopped: "blocked" };
  // A next number SmartBill gave moments ago (an issued answer, or the drain before this one) is as good
  // as a new read: it is only the lowest number a claim may take, and lower is always safe.
  const fresh = known?.nextNumber != null && known.knownAt != null && Date.now() - known.knownAt.getTime() < FRESH_NEXT_NUMBER_MS;
  if (!fresh) {
    try {
      const stop = await refreshNextNumber(deps, s, creds, o);
      if (stop === "series_missing") {
        result.failed.push(...(await failQueued(deps, s, "seriesGone", "series")));
        return { ...result, stopped: stop };
      }
    } catch (e) {
      if (!isSmartBillError(e)) throw e;
      return { ...result, stopped: e.code === "rate_limited" ? "rate_limited" : "series_unreadable", retryAt: e.until ?? new Date(Date.now() + 5_000) };
    }
  }
  // Lanes: each claims and sends one request at a time. The claim lets at most MAX_IN_FLIGHT of the
  // school's creates hold a slot, so the drain starts that many lanes; a create whose answer is slow
  // (SLOW_ANSWER_MS) stops holding its slot and starts one more lane, so the others go on while it waits —
  // up to MAX_LANES creates of this drain at once. (Idle lanes polling a full school would only load the
  // database.)
  let stopped = null as DrainStop | null;
  let sending = 0;
  const sendsSince = new Set<{ at: number }>();
  const running = new Set<Promise<void>>();
  const startLane = () => {
    const p: Promise<void> = lane().finally(() => running.delete(p));
    running.add(p);
  };
  const lane = async (): Promise<void> => {
    while (!stopped) {
      if (Date.now() - started > o.drainBudgetMs) {
        stopped ??= "budget";
        return;
      }
      const claimed = await claimNext(deps.db, s, o.leaseMs, todayInBucharest());
      if (typeof claimed === "string") {
        // Every slot is taken: while this drain's own creates are out, wait for one to answer or turn
        // slow; otherwise other processes hold them, and a drain comes back shortly.
        if (claimed === "at_capacity" && sending > 0) {
          await sleep(CAPACITY_POLL_MS);
          continue;
        }
        if (claimed === "at_capacity") result.retryAt ??= new Date(Date.now() + 1_000);
        else if (claimed !== "empty") stopped ??= claimed;
        return;
      }
      sending++;
      const send = { at: Date.now() };
      sendsSince.add(send);
      const turnsSlow = setTimeout(() => !stopped && running.size < MAX_LANES && startLane(), SLOW_ANSWER_MS);
      try {
        const stop = await sendOne(deps, s, creds, claimed, o, result);
        if (stop) stopped ??= stop;
      } finally {
        clearTimeout(turnsSlow);
        sending--;
        sendsSince.delete(send);
      }
    }
  };
  for (let i = 0; i < MAX_IN_FLIGHT; i++) startLane();
  const lanes = (async () => {
    while (running.size) await Promise.all([...running]);
  })();
  // Once the drain has stopped, a create still waiting for a slow answer finishes on its own (its answer
  // is recorded under its claim whenever it comes; a lost one goes in_doubt and the sweeper wakes its
  // reconcile): the next drain does not wait 20 s for it.
  let lanesDone = false;
  const onlySlowLeft = async () => {
    while (!lanesDone) {
      await sleep(CAPACITY_POLL_MS);
      if (stopped && [...sendsSince].every((x) => Date.now() - x.at > SLOW_ANSWER_MS)) return;
    }
  };
  let laneError: { e: unknown } | null = null;
  let returned = false;
  const settled = lanes.then(
    () => void (lanesDone = true),
    (e: unknown) => {
      lanesDone = true;
      // Before the drain returned: its job fails and is retried; after: a slow send's own error, logged.
      if (returned) logError("invoicing.drain.lane", e);
      else laneError = { e };
    },
  );
  await Promise.race([settled, onlySlowLeft()]);
  returned = true;
  if (laneError) throw (laneError as { e: unknown }).e;
  result.stopped = stopped ?? "empty";
  if (result.stopped === "budget") result.more = true;
  return result;
}
