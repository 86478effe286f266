import "server-only";
import { and, desc, eq, min, sql } from "drizzle-orm";
import { getInvoiceRequest } from "@/db/queries/invoices";
import { invoiceAttempts, invoiceRequests } from "@/db/schema";
import { drainSeries, reconcileRequest, schoolAtCapacity, resolved, type DrainResult, type InvoicingDeps, type ReconcileOutcome } from "@/lib/invoicing";
import { isSmartBillError } from "@/lib/smartbill";
import { enqueueDrain, enqueueReconcile } from "./enqueue";
import { drainPayload, reconcilePayload } from "./queues";

// The job handlers: parse the payload, call the use-case, and turn its result into the next wake-ups.

const RECHECK_AFTER_MS = 10_000;

/**
 * Drains one series, then sends the wake-ups its result asks for: a reconcile per in_doubt request after
 * its grace period, a drain now when the budget ran out, a drain at `retryAt` when queued requests wait
 * (a backoff, the rate limit, the school's creates all in flight elsewhere: "at_capacity", an unreadable
 * series). No wake-up for "blocked" (a duplicate: a person acts, the link wakes the series), "paused"
 * (Resume wakes it), "series_missing" / "not_connected" (the queued requests failed).
 */
export async function handleDrain(deps: InvoicingDeps, data: unknown): Promise<DrainResult> {
  const p = drainPayload.parse(data);
  // The school's creates are all in flight (another drain, another process): come back in a second
  // without draining — drainSeries reads SmartBill's next number (one rate-limited call) before it
  // finds that out, and a drain woken every second while slow answers hold the slots would spend a
  // third of the token's budget on those reads.
  if (await schoolAtCapacity(deps.db, p.orgId)) {
    const retryAt = new Date(Date.now() + 1_000);
    await enqueueDrain(p.orgId, p.cif, p.series, { startAfter: retryAt });
    return { issued: [], failed: [], inDoubt: [], alarms: [], stopped: "at_capacity", retryAt, more: false };
  }
  const r = await drainSeries(deps, p.orgId, p.cif, p.series);
  // An ambiguous create: reconcile once its grace period is over (a create may still land late), counted
  // from when it was sent — the drain may have gone on for a while after it.
  for (const id of r.inDoubt) await enqueueReconcile(p.orgId, id, { startAfter: await graceEnd(deps, p.orgId, id) });
  // Stored as alarms (the inbox shows them); logged so an operator watching the workers sees them too.
  if (r.alarms.length) console.warn(`[jobs] drain ${p.series}: ${r.alarms.length} issued answer(s) whose request had moved on, stored as alarms (requests ${r.alarms.join(", ")})`);
  const waits = r.stopped !== "blocked" && r.stopped !== "paused" && r.stopped !== "series_missing" && r.stopped !== "not_connected";
  if (r.more || r.stopped === "budget") await enqueueDrain(p.orgId, p.cif, p.series);
  else if (waits) {
    // A drain that found only requests waiting for later (a backoff another drain set, whose own delayed
    // wake-up the queue folded into an earlier one) ends "empty" without a retryAt: wake at the first.
    const at = r.retryAt ?? (await firstWaiting(deps, p));
    if (at) await enqueueDrain(p.orgId, p.cif, p.series, { startAfter: at });
  }
  return r;
}

/** When the series' first queued request that is not ready yet becomes ready (null: none waits). */
async function firstWaiting(deps: InvoicingDeps, p: { orgId: string; cif: string; series: string }): Promise<Date | null> {
  const [row] = await deps.db
    .select({ at: min(invoiceRequests.notBefore) })
    .from(invoiceRequests)
    .where(and(eq(invoiceRequests.orgId, p.orgId), eq(invoiceRequests.companyCif, p.cif), eq(invoiceRequests.seriesName, p.series), eq(invoiceRequests.status, "queued"), sql`${invoiceRequests.notBefore} > now()`));
  return row?.at ? new Date(row.at.getTime() + 50) : null;
}

async function graceEnd(deps: InvoicingDeps, orgId: string, requestId: string): Promise<Date> {
  const [a] = await deps.db
    .select({ startedAt: invoiceAttempts.startedAt })
    .from(invoiceAttempts)
    .where(and(eq(invoiceAttempts.orgId, orgId), eq(invoiceAttempts.requestId, requestId)))
    .orderBy(desc(invoiceAttempts.startedAt))
    .limit(1);
  const at = (a?.startedAt.getTime() ?? Date.now()) + resolved(deps).reconcileGraceMs;
  return new Date(Math.max(at, Date.now()) + 250);
}

const RATE_LIMITED_RECHECK_MS = 15_000;

/** Reconciles one in_doubt request; a settled one frees its series, so the series is drained next. */
export async function handleReconcile(deps: InvoicingDeps, data: unknown): Promise<ReconcileOutcome> {
  const p = reconcilePayload.parse(data);
  let out: ReconcileOutcome;
  try {
    out = await reconcileRequest(deps, p.orgId, p.requestId);
  } catch (e) {
    // SmartBill busy or away: come back later (the sweeper would too). A slot's `until` is when one surely
    // frees (an unanswered create holds its whole timeout); one usually frees far sooner: look again by then.
    if (isSmartBillError(e) && (e.code === "rate_limited" || e.code === "unavailable" || e.code === "ambiguous")) {
      const soon = Date.now() + (e.code === "rate_limited" ? RATE_LIMITED_RECHECK_MS : 5_000);
      await enqueueReconcile(p.orgId, p.requestId, { startAfter: new Date(Math.min(e.until?.getTime() ?? soon, soon)) });
      return "too_early";
    }
    throw e;
  }
  if (out === "too_early") await enqueueReconcile(p.orgId, p.requestId, { startAfter: await graceEnd(deps, p.orgId, p.requestId) });
  // A read that may pass (a timeout), or more candidates than one proof reads (the next one goes on from
  // what this one read): again shortly.
  if (out === "check_later") await enqueueReconcile(p.orgId, p.requestId, { startAfter: new Date(Date.now() + RECHECK_AFTER_MS) });
  if (out === "linked" || out === "proved_not_created") {
    const r = await getInvoiceRequest(deps.db, p.orgId, p.requestId);
    if (r) await enqueueDrain(r.orgId, r.companyCif, r.seriesName);
  }
  return out;
}
