import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { getQueuedSeries, hasReadyRequests } from "@/db/queries/invoices";
import { invoiceAttempts, invoiceRequests, invoicingPauses, registrations } from "@/db/schema";
import { getActiveConnection } from "@/db/queries/smartbill-connections";
import { credentialsOf } from "@/lib/billing/connection";
import { isSmartBillError, SmartBillError, type InvoiceInput, type SmartBillCredentials } from "@/lib/smartbill";
import { resolved, type InvoicingDeps } from "./deps";
import { failureOfCode, failureOfType } from "./failures";
import { claimNext, nextNumberIsFresh, recordIssued, type Claimed } from "./drain-statements";
import { claimSeries, releaseSeries, setInFlight, storeNextNumber, type SeriesRef } from "./series-hold";

// Issuing: drainSeries sends the queued requests of one (company, series), one create in flight at a
// time, so the number each create expects is unambiguous. A create whose outcome is unknown is never
// sent again here: the request goes in_doubt and keeps the series until reconcile-invoice.ts proves it.

export type DrainStop = "empty" | "held" | "budget" | "paused" | "rate_limited" | "unavailable" | "in_doubt" | "lost_hold" | "not_connected";

export interface DrainResult {
  issued: string[];
  failed: string[];
  /** Requests to reconcile (enqueue `invoice-reconcile` for each). */
  inDoubt: string[];
  stopped: DrainStop;
  /** Queued requests wait until then (backoff or rate limit): wake a drain at that time. */
  retryAt: Date | null;
  /** More is queued and ready now (the budget ran out): wake a drain now. */
  more: boolean;
}

const MAX_UNAVAILABLE_ATTEMPTS = 5;

/** Reads the series' next number from SmartBill (a series missing there fails its requests definitively). */
async function refreshNextNumber(deps: InvoicingDeps, s: SeriesRef, creds: SmartBillCredentials, slotWaitMs: number): Promise<number | null> {
  const list = await deps.sb.series.list(creds, { type: "f" }, { maxWaitMs: slotWaitMs });
  const found = list.find((x) => x.name === s.series);
  if (!found) return null;
  await storeNextNumber(deps.db, s, found.nextNumber);
  return found.nextNumber;
}

async function finishAttempt(tx: Parameters<Parameters<InvoicingDeps["db"]["transaction"]>[0]>[0], attemptId: string, outcome: typeof invoiceAttempts.$inferInsert.outcome, e?: SmartBillError, response?: string) {
  await tx
    .update(invoiceAttempts)
    .set({ finishedAt: sql`now()`, outcome, httpStatus: e?.httpStatus ?? (response ? 200 : null), errorCode: e?.code ?? null, responseBody: response ?? e?.originalText ?? null })
    .where(eq(invoiceAttempts.id, attemptId));
}

type Outcome = { stop?: DrainStop; retryAt?: Date; inDoubt?: boolean; failed?: boolean };

async function onError(deps: InvoicingDeps, s: SeriesRef, c: Claimed, e: SmartBillError): Promise<Outcome> {
  return deps.db.transaction(async (tx) => {
    const id = and(eq(invoiceRequests.orgId, s.orgId), eq(invoiceRequests.id, c.id), eq(invoiceRequests.status, "issuing"));
    const requeue = async (notBefore: Date | null) =>
      tx
        .update(invoiceRequests)
        .set({ status: "queued", leaseUntil: null, expectedNumber: null, notBefore: notBefore ?? sql`now()`, updatedAt: sql`now()` })
        .where(id);
    if (e.code === "ambiguous") {
      await tx.update(invoiceRequests).set({ status: "in_doubt", leaseUntil: null, updatedAt: sql`now()` }).where(id);
      await finishAttempt(tx, c.attemptId, "ambiguous", e);
      // The series stays held by this request (in_flight) until reconciled.
      return { stop: "in_doubt", inDoubt: true };
    }
    await setInFlight(tx, s, null);
    if (e.code === "rate_limited") {
      const until = e.until ?? new Date(Date.now() + 10_000);
      await requeue(until);
      await finishAttempt(tx, c.attemptId, "rate_limited", e);
      return { stop: "rate_limited", retryAt: until };
    }
    if (e.code === "unavailable" && c.attemptCount < MAX_UNAVAILABLE_ATTEMPTS) {
      const retryAt = new Date(Date.now() + 1000 * 2 ** c.attemptCount);
      await requeue(retryAt);
      await finishAttempt(tx, c.attemptId, "not_sent", e);
      return { stop: "unavailable", retryAt };
    }
    if (e.code === "package_exhausted") {
      await requeue(null);
      await finishAttempt(tx, c.attemptId, "rejected", e);
      await tx.insert(invoicingPauses).values({ orgId: s.orgId, reason: "package_exhausted", detail: e.originalText || null }).onConflictDoNothing();
      return { stop: "paused" };
    }
    const [reg] = await tx.select({ clientId: registrations.clientId }).from(registrations).where(and(eq(registrations.orgId, s.orgId), eq(registrations.id, c.registrationId)));
    const f = failureOfCode(e.code, reg?.clientId);
    await tx
      .update(invoiceRequests)
      .set({ status: "failed", leaseUntil: null, failureType: f.type, failureReason: f.messageKey, failureText: e.originalText || null, retryable: f.retryable, updatedAt: sql`now()` })
      .where(id);
    await finishAttempt(tx, c.attemptId, e.code === "unavailable" ? "not_sent" : "rejected", e);
    return { failed: true };
  });
}

async function failNotConnected(deps: InvoicingDeps, s: SeriesRef): Promise<string[]> {
  const f = failureOfType("credentials");
  const rows = await deps.db
    .update(invoiceRequests)
    .set({ status: "failed", failureType: f.type, failureReason: f.messageKey, retryable: f.retryable, updatedAt: sql`now()` })
    .where(and(eq(invoiceRequests.orgId, s.orgId), eq(invoiceRequests.companyCif, s.cif), eq(invoiceRequests.seriesName, s.series), eq(invoiceRequests.status, "queued")))
    .returning({ id: invoiceRequests.id });
  return rows.map((r) => r.id);
}

/** Sends the queued requests of one series until none is ready, the budget runs out, or it must stop. */
export async function drainSeries(deps: InvoicingDeps, orgId: string, cif: string, series: string): Promise<DrainResult> {
  const o = resolved(deps);
  const s: SeriesRef = { orgId, cif, series };
  const result: DrainResult = { issued: [], failed: [], inDoubt: [], stopped: "empty", retryAt: null, more: false };
  const started = Date.now();
  for (;;) {
    const held = await claimSeries(deps.db, s, o.drainerId, o.leaseMs);
    if (!held) return { ...result, stopped: "held" };
    const stop = await drainHeld(deps, s, o, started, result);
    await releaseSeries(deps.db, s, o.drainerId);
    result.stopped = stop;
    // Re-check after releasing: a request queued while we held the series found it held, and its
    // drainer left it to us. Only "empty" can leave such a request behind.
    if (stop === "empty" && (await hasReadyRequests(deps.db, s))) continue;
    if (stop === "budget") result.more = true;
    return result;
  }
}

async function drainHeld(deps: InvoicingDeps, s: SeriesRef, o: ReturnType<typeof resolved>, started: number, result: DrainResult): Promise<DrainStop> {
  const connection = await getActiveConnection(deps.db, s.orgId);
  if (!connection) {
    result.failed.push(...(await failNotConnected(deps, s)));
    return "not_connected";
  }
  const creds: SmartBillCredentials = { ...credentialsOf(connection), cif: s.cif };
  if (!(await hasReadyRequests(deps.db, s))) return "empty";
  // The next number from SmartBill once per hold (someone may have issued in SmartBill's UI), unless
  // SmartBill told us moments ago (the hold before this one).
  if (!(await nextNumberIsFresh(deps.db, s))) {
    try {
      await refreshNextNumber(deps, s, creds, o.slotWaitMs);
    } catch (e) {
      if (!isSmartBillError(e)) throw e;
      if (e.code === "rate_limited" || e.code === "unavailable" || e.code === "ambiguous") {
        result.retryAt = e.until ?? new Date(Date.now() + 5_000);
        return e.code === "rate_limited" ? "rate_limited" : "unavailable";
      }
    }
  }
  for (;;) {
    if (Date.now() - started > o.drainBudgetMs) return "budget";
    const claimed = await claimNext(deps.db, s, o.drainerId, o.leaseMs);
    if (typeof claimed === "string") return claimed;
    try {
      const doc = await deps.sb.invoices.create(creds, claimed.payload as InvoiceInput, { maxWaitMs: o.slotWaitMs });
      await recordIssued(deps.db, s, claimed, doc);
      result.issued.push(claimed.id);
    } catch (err) {
      // Anything but a SmartBillError is unexpected: the create may have gone out, so it is ambiguous.
      const e = isSmartBillError(err) ? err : new SmartBillError({ code: "ambiguous", operation: "invoices.create" });
      const out = await onError(deps, s, claimed, e);
      if (out.inDoubt) result.inDoubt.push(claimed.id);
      if (out.failed) result.failed.push(claimed.id);
      if (out.retryAt) result.retryAt = out.retryAt;
      if (out.stop) return out.stop;
    }
  }
}

/** Every (company, series) of the organisation with requests queued: what a drain should be woken for. */
export { getQueuedSeries };
