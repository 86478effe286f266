import "server-only";
import { and, desc, eq, lt, sql } from "drizzle-orm";
import type { Executor } from "@/db";
import { getInvoiceRequest } from "@/db/queries/invoices";
import { invoiceAttempts, invoiceRequests, type InvoiceRequest, type ReconcileEvidence } from "@/db/schema";
import { writeAudit } from "@/lib/audit";
import { getActiveConnection } from "@/db/queries/smartbill-connections";
import { credentialsOf } from "@/lib/billing/connection";
import { AppError } from "@/lib/errors";
import { isSmartBillError, type SmartBillCredentials } from "@/lib/smartbill";
import { resolved, type InvoicingDeps } from "./deps";
import { failureOfType } from "./failures";
import { clearInFlight, getSeries, numberForms, storeNextNumber, type SeriesRef } from "./series-hold";
import { leiToBani } from "./totals";

// Reconcile, exact: an in_doubt request is linked to a number only when Bursar can prove it is its
// invoice. One create in flight per series makes the expected number unambiguous: if the series'
// next number did not move, nothing was created; if it moved by exactly one and that invoice's total
// is the request's, it is ours. Anything else goes to a person with the evidence.

export type ReconcileOutcome = "linked" | "proved_not_created" | "needs_person" | "too_early" | "not_in_doubt";

const refOf = (r: InvoiceRequest): SeriesRef => ({ orgId: r.orgId, cif: r.companyCif, series: r.seriesName });

export async function credsFor(db: Executor, r: InvoiceRequest): Promise<SmartBillCredentials> {
  const c = await getActiveConnection(db, r.orgId);
  if (!c) throw new AppError("conflict", "setup.notConnected");
  return { ...credentialsOf(c), cif: r.companyCif };
}

/** The invoice total of series-number, trying the zero-paddings SmartBill may use; null if not found. */
export async function totalOf(deps: InvoicingDeps, creds: SmartBillCredentials, series: string, n: number, width: number | null): Promise<{ number: string; totalBani: number } | null> {
  for (const number of numberForms(n, width)) {
    try {
      const st = await deps.sb.invoices.paymentStatus(creds, { seriesName: series, number });
      return { number, totalBani: leiToBani(st.invoiceTotalAmount) };
    } catch (e) {
      if (!isSmartBillError(e) || e.code !== "not_found") throw e;
    }
  }
  return null;
}

async function lastAttempt(db: Executor, r: InvoiceRequest) {
  const [a] = await db.select().from(invoiceAttempts).where(and(eq(invoiceAttempts.orgId, r.orgId), eq(invoiceAttempts.requestId, r.id))).orderBy(desc(invoiceAttempts.startedAt)).limit(1);
  return a ?? null;
}

/** Proves what happened to an in_doubt request, or stores the evidence for a person. */
export async function reconcileRequest(deps: InvoicingDeps, orgId: string, requestId: string): Promise<ReconcileOutcome> {
  const o = resolved(deps);
  const r = await getInvoiceRequest(deps.db, orgId, requestId);
  if (!r || r.status !== "in_doubt") return "not_in_doubt";
  const attempt = await lastAttempt(deps.db, r);
  // A create may still land late: wait out the grace period after the attempt started.
  if (attempt) {
    const [{ early }] = (await deps.db.execute(
      sql`select started_at + make_interval(secs => ${o.reconcileGraceMs / 1000}) > now() as early from ${invoiceAttempts} where id = ${attempt.id}`,
    )) as unknown as [{ early: boolean }];
    if (early) return "too_early";
  }
  const creds = await credsFor(deps.db, r);
  const ref = refOf(r);
  const list = await deps.sb.series.list(creds, { type: "f" });
  const nextNow = list.find((x) => x.name === r.seriesName)?.nextNumber ?? null;
  const held = await getSeries(deps.db, ref);
  const expected = r.expectedNumber === null ? null : Number(r.expectedNumber);
  if (expected !== null && nextNow === expected) {
    // Nothing was created. A 5xx answer fails (retryable, a person retries); a lost answer goes back to the queue.
    const serverError = (attempt?.httpStatus ?? 0) >= 500;
    await settle(deps, r, serverError ? "failed" : "queued", "proved_not_created", attempt?.id ?? null, null);
    return "proved_not_created";
  }
  if (expected !== null && nextNow === expected + 1) {
    const candidate = await totalOf(deps, creds, r.seriesName, expected, held?.padWidth ?? null);
    if (candidate && candidate.totalBani === r.totalBani) {
      await settle(deps, r, "issued", "linked", attempt?.id ?? null, candidate.number);
      await storeNextNumber(deps.db, ref, nextNow);
      return "linked";
    }
  }
  const candidates: ReconcileEvidence["candidates"] = [];
  if (expected !== null && nextNow !== null) {
    for (let n = expected; n < Math.min(nextNow, expected + 5); n++) {
      const c = await totalOf(deps, creds, r.seriesName, n, held?.padWidth ?? null);
      candidates.push({ number: c?.number ?? String(n), totalBani: c?.totalBani ?? null });
    }
  }
  const evidence: ReconcileEvidence = {
    checkedAt: new Date().toISOString(),
    nextNumberNow: nextNow === null ? null : String(nextNow),
    candidates,
    note: expected === null ? "no_expected_number" : nextNow === expected + 1 ? "total_differs" : "series_moved",
  };
  await deps.db.update(invoiceRequests).set({ evidence, updatedAt: sql`now()` }).where(and(eq(invoiceRequests.id, r.id), eq(invoiceRequests.status, "in_doubt")));
  return "needs_person";
}

async function settle(
  deps: InvoicingDeps,
  r: InvoiceRequest,
  to: "issued" | "queued" | "failed",
  outcome: "linked" | "proved_not_created",
  attemptId: string | null,
  number: string | null,
  actorUserId: string | null = null,
): Promise<boolean> {
  return deps.db.transaction(async (tx) => {
    const f = failureOfType("unavailable");
    const set =
      to === "issued"
        ? { status: to, issuedSeries: r.seriesName, issuedNumber: number, issuedAt: sql`now()` }
        : to === "failed"
          ? { status: to, failureType: f.type, failureReason: f.messageKey, retryable: true }
          : { status: to, expectedNumber: null, notBefore: sql`now()` };
    const [row] = await tx
      .update(invoiceRequests)
      .set({ ...set, leaseUntil: null, updatedAt: sql`now()` })
      .where(and(eq(invoiceRequests.id, r.id), eq(invoiceRequests.status, "in_doubt")))
      .returning({ id: invoiceRequests.id });
    if (!row) return false;
    await tx.insert(invoiceAttempts).values({
      orgId: r.orgId,
      requestId: r.id,
      finishedAt: sql`now()`,
      outcome,
      expectedNumber: r.expectedNumber,
      responseBody: number ? `${r.seriesName}-${number}` : null,
      actorUserId,
    });
    if (attemptId) await tx.update(invoiceAttempts).set({ finishedAt: sql`coalesce(finished_at, now())` }).where(eq(invoiceAttempts.id, attemptId));
    await clearInFlight(tx, refOf(r), r.id);
    if (actorUserId) {
      await writeAudit(tx, {
        orgId: r.orgId,
        actorUserId,
        action: to === "issued" ? "invoice.linked" : "invoice.marked_not_created",
        entityType: "invoice_request",
        entityId: r.id,
        details: { seriesName: r.seriesName, number, expectedNumber: r.expectedNumber },
      });
    }
    return true;
  });
}

/** A person's "Link SERIES-NUMBER": checked with SmartBill that the invoice exists. Returns its total. */
export async function linkInvoice(deps: InvoicingDeps, c: { orgId: string; actorUserId: string; requestId: string; number: string }): Promise<{ totalBani: number }> {
  const r = await getInvoiceRequest(deps.db, c.orgId, c.requestId);
  if (!r || r.status !== "in_doubt") throw new AppError("conflict", "invoicing.errors.notInDoubt");
  const creds = await credsFor(deps.db, r);
  let totalBani: number;
  try {
    const st = await deps.sb.invoices.paymentStatus(creds, { seriesName: r.seriesName, number: c.number });
    totalBani = leiToBani(st.invoiceTotalAmount);
  } catch (e) {
    if (isSmartBillError(e) && e.code === "not_found") throw new AppError("not_found", "invoicing.errors.invoiceNotFoundInSmartBill");
    throw e;
  }
  if (!(await settle(deps, r, "issued", "linked", null, c.number, c.actorUserId))) throw new AppError("conflict", "invoicing.errors.notInDoubt");
  return { totalBani };
}

/** A person's "Not created: issue again": back to the queue (the caller wakes a drain). */
export async function markNotCreated(deps: InvoicingDeps, c: { orgId: string; actorUserId: string; requestId: string }): Promise<void> {
  const r = await getInvoiceRequest(deps.db, c.orgId, c.requestId);
  if (!r || !(await settle(deps, r, "queued", "proved_not_created", null, null, c.actorUserId))) throw new AppError("conflict", "invoicing.errors.notInDoubt");
}

/**
 * The sweeper's step: requests left in issuing past their lease (the drainer died mid-call) become
 * in_doubt (never re-sent blind); their series stays held until reconciled. Returns their ids.
 */
export async function sweepExpiredLeases(db: Executor, orgId: string | null = null): Promise<string[]> {
  const rows = await db
    .update(invoiceRequests)
    .set({ status: "in_doubt", leaseUntil: null, updatedAt: sql`now()` })
    .where(and(orgId ? eq(invoiceRequests.orgId, orgId) : undefined, eq(invoiceRequests.status, "issuing"), lt(invoiceRequests.leaseUntil, sql`now()`)))
    .returning({ id: invoiceRequests.id, orgId: invoiceRequests.orgId });
  for (const r of rows) {
    await db
      .update(invoiceAttempts)
      .set({ finishedAt: sql`now()`, outcome: "worker_lost" })
      .where(and(eq(invoiceAttempts.orgId, r.orgId), eq(invoiceAttempts.requestId, r.id), sql`${invoiceAttempts.outcome} is null`));
  }
  return rows.map((r) => r.id);
}
