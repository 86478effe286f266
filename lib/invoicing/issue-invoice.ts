import "server-only";
import { and, asc, desc, eq, sql } from "drizzle-orm";
import { getQueuedSeries, hasReadyRequests, readyInSeries } from "@/db/queries/invoices";
import { invoiceAttempts, invoiceRequests, invoicingPauses, registrations, type InvoiceRequest, type InvoiceSeriesRow } from "@/db/schema";
import { getActiveConnection } from "@/db/queries/smartbill-connections";
import { credentialsOf } from "@/lib/billing/connection";
import { isSmartBillError, SmartBillError, type IssuedDocument, type InvoiceInput, type SmartBillCredentials } from "@/lib/smartbill";
import { resolved, type InvoicingDeps } from "./deps";
import { failureOfCode, failureOfType } from "./failures";
import { claimSeries, releaseSeries, renewSeries, setInFlight, storeNextNumber, type SeriesRef } from "./series-hold";

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

type Claimed = { request: InvoiceRequest; attemptId: string; expected: number | null };

function widthOf(number: string): number | undefined {
  return number.startsWith("0") ? number.length : undefined;
}

/** Reads the series' next number from SmartBill (a series missing there fails its requests definitively). */
async function refreshNextNumber(deps: InvoicingDeps, s: SeriesRef, creds: SmartBillCredentials, slotWaitMs: number): Promise<number | null> {
  const list = await deps.sb.series.list(creds, { type: "f" }, { maxWaitMs: slotWaitMs });
  const found = list.find((x) => x.name === s.series);
  if (!found) return null;
  await storeNextNumber(deps.db, s, found.nextNumber);
  return found.nextNumber;
}

/** Claims the next ready request of the series (queued → issuing) and records the attempt. */
async function claimNext(deps: InvoicingDeps, s: SeriesRef, series: InvoiceSeriesRow, drainerId: string, leaseMs: number): Promise<Claimed | "paused" | "empty" | "lost_hold"> {
  return deps.db.transaction(async (tx) => {
    const [pause] = await tx.select().from(invoicingPauses).where(eq(invoicingPauses.orgId, s.orgId));
    if (pause) return "paused";
    const [next] = await tx
      .select()
      .from(invoiceRequests)
      .where(readyInSeries(s))
      .orderBy(desc(invoiceRequests.priority), asc(invoiceRequests.createdAt))
      .limit(1)
      .for("update", { skipLocked: true });
    if (!next) return "empty";
    if (!(await renewSeries(tx, s, drainerId, leaseMs))) return "lost_hold";
    // Unknown only when GET /series could not say (the create then fails or is left to a person).
    const expected = series.nextNumber;
    const expectedText = expected === null ? null : String(expected);
    const [request] = await tx
      .update(invoiceRequests)
      .set({
        status: "issuing",
        leaseUntil: sql`now() + make_interval(secs => ${leaseMs / 1000})`,
        expectedNumber: expectedText,
        attemptCount: sql`${invoiceRequests.attemptCount} + 1`,
        lastAttemptAt: sql`now()`,
        updatedAt: sql`now()`,
      })
      .where(and(eq(invoiceRequests.id, next.id), eq(invoiceRequests.status, "queued")))
      .returning();
    await setInFlight(tx, s, request!.id);
    const [attempt] = await tx
      .insert(invoiceAttempts)
      .values({ orgId: s.orgId, requestId: request!.id, requestBody: request!.payload, expectedNumber: expectedText })
      .returning({ id: invoiceAttempts.id });
    return { request: request!, attemptId: attempt!.id, expected };
  });
}

async function finishAttempt(tx: Parameters<Parameters<InvoicingDeps["db"]["transaction"]>[0]>[0], attemptId: string, outcome: typeof invoiceAttempts.$inferInsert.outcome, e?: SmartBillError, response?: string) {
  await tx
    .update(invoiceAttempts)
    .set({ finishedAt: sql`now()`, outcome, httpStatus: e?.httpStatus ?? (response ? 200 : null), errorCode: e?.code ?? null, responseBody: response ?? e?.originalText ?? null })
    .where(eq(invoiceAttempts.id, attemptId));
}

async function onIssued(deps: InvoicingDeps, s: SeriesRef, c: Claimed, doc: IssuedDocument): Promise<void> {
  await deps.db.transaction(async (tx) => {
    // From in_doubt too: the sweeper may have given up on a slow answer that did come.
    await tx
      .update(invoiceRequests)
      .set({
        status: "issued",
        issuedSeries: doc.series || s.series,
        issuedNumber: doc.number,
        documentId: doc.documentId !== undefined ? String(doc.documentId) : null,
        documentUrl: doc.documentUrl ?? null,
        documentViewUrl: doc.documentViewUrl ?? null,
        issuedAt: sql`now()`,
        leaseUntil: null,
        updatedAt: sql`now()`,
      })
      .where(and(eq(invoiceRequests.id, c.request.id), sql`${invoiceRequests.status} in ('issuing', 'in_doubt')`));
    await finishAttempt(tx, c.attemptId, "issued", undefined, JSON.stringify(doc));
    await storeNextNumber(tx, s, Number(doc.number) + 1, widthOf(doc.number));
    await setInFlight(tx, s, null);
  });
}

type Outcome = { stop?: DrainStop; retryAt?: Date; inDoubt?: boolean; failed?: boolean };

async function onError(deps: InvoicingDeps, s: SeriesRef, c: Claimed, e: SmartBillError): Promise<Outcome> {
  return deps.db.transaction(async (tx) => {
    const id = and(eq(invoiceRequests.id, c.request.id), eq(invoiceRequests.status, "issuing"));
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
    if (e.code === "unavailable" && c.request.attemptCount < MAX_UNAVAILABLE_ATTEMPTS) {
      const retryAt = new Date(Date.now() + 1000 * 2 ** c.request.attemptCount);
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
    const [reg] = await tx.select({ clientId: registrations.clientId }).from(registrations).where(and(eq(registrations.orgId, s.orgId), eq(registrations.id, c.request.registrationId)));
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
  // The next number from SmartBill once per hold: someone may have issued in SmartBill's UI meanwhile.
  let next: number | null;
  try {
    next = await refreshNextNumber(deps, s, creds, o.slotWaitMs);
  } catch (e) {
    if (!isSmartBillError(e)) throw e;
    if (e.code === "rate_limited" || e.code === "unavailable" || e.code === "ambiguous") {
      result.retryAt = e.until ?? new Date(Date.now() + 5_000);
      return e.code === "rate_limited" ? "rate_limited" : "unavailable";
    }
    next = null;
  }
  for (;;) {
    if (Date.now() - started > o.drainBudgetMs) return "budget";
    const row = await renewSeries(deps.db, s, o.drainerId, o.leaseMs);
    if (!row) return "lost_hold";
    if (next !== null && row.nextNumber === null) row.nextNumber = next;
    const claimed = await claimNext(deps, s, row, o.drainerId, o.leaseMs);
    if (typeof claimed === "string") return claimed;
    try {
      const doc = await deps.sb.invoices.create(creds, claimed.request.payload as unknown as InvoiceInput, { maxWaitMs: o.slotWaitMs });
      await onIssued(deps, s, claimed, doc);
      result.issued.push(claimed.request.id);
    } catch (err) {
      // Anything but a SmartBillError is unexpected: the create may have gone out, so it is ambiguous.
      const e = isSmartBillError(err) ? err : new SmartBillError({ code: "ambiguous", operation: "invoices.create" });
      const out = await onError(deps, s, claimed, e);
      if (out.inDoubt) result.inDoubt.push(claimed.request.id);
      if (out.failed) result.failed.push(claimed.request.id);
      if (out.retryAt) result.retryAt = out.retryAt;
      if (out.stop) return out.stop;
    }
  }
}

/** Every (company, series) of the organisation with requests queued: what a drain should be woken for. */
export { getQueuedSeries };
