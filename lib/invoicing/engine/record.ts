import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Database, Executor } from "@/db";
import { isUniqueViolation } from "@/db/errors";
import { invoiceAlarms, invoiceAttempts, invoicingPauses, registrations, type InvoiceAttemptOutcome } from "@/db/schema";
import type { IssuedDocument, SmartBillError } from "@/lib/smartbill";
import { failureOfCode } from "./failures";
import type { Claimed } from "./claim";
import type { SeriesRef } from "./series";
import { widthOf } from "./series";
import { fromStatusSql, moveRequest, setStatusSql } from "./status";

// What a send's answer does to its request, always under the send's claim: a drainer whose claim moved
// on changes nothing. An issued answer that finds its request moved on is never dropped: it becomes an
// alarm (an invoice SmartBill holds that no request owns), shown in the inbox until a person acts.

export async function finishAttempt(db: Executor, orgId: string, attemptId: string, outcome: InvoiceAttemptOutcome, e?: SmartBillError, response?: string): Promise<void> {
  await db
    .update(invoiceAttempts)
    .set({ finishedAt: sql`now()`, outcome, httpStatus: e?.httpStatus ?? (response ? 200 : null), errorCode: e?.code ?? null, responseBody: response ?? e?.originalText ?? null })
    .where(and(eq(invoiceAttempts.orgId, orgId), eq(invoiceAttempts.id, attemptId)));
}

/** Records an alarm for a document no request can own (idempotent per document). */
export async function raiseAlarm(db: Executor, a: { orgId: string; kind: "late_answer" | "duplicate"; requestId: string | null; attemptId?: string | null; cif: string; series: string; number: string; detail?: Record<string, unknown> }): Promise<void> {
  await db
    .insert(invoiceAlarms)
    .values({ orgId: a.orgId, kind: a.kind, requestId: a.requestId, attemptId: a.attemptId ?? null, companyCif: a.cif, seriesName: a.series, number: a.number, detail: a.detail ?? null })
    .onConflictDoNothing();
}

/**
 * An issued answer, in ONE statement: the request issued (from in_doubt too: the sweeper may have given
 * up on a slow answer that did come) only under this claim, its attempt, and the series' next number.
 * Returns false when the claim had moved on; the caller raises the alarm.
 */
export async function recordIssued(db: Database, s: SeriesRef, c: Claimed, doc: IssuedDocument): Promise<"recorded" | "already" | "alarm"> {
  const width = widthOf(doc.number) ?? null;
  const series = doc.series || s.series;
  try {
    const rows = (await db.execute(sql`
      with req as (
        update invoice_requests
        set ${setStatusSql("issued")}, issued_series = ${series}, issued_number = ${doc.number},
            document_id = ${doc.documentId !== undefined ? String(doc.documentId) : null},
            document_url = ${doc.documentUrl ?? null}, document_view_url = ${doc.documentViewUrl ?? null},
            issued_at = now(), lease_until = null, updated_at = now()
        where org_id = ${s.orgId} and id = ${c.id} and claim_id = ${c.claim} and ${fromStatusSql("issued")}
        returning id
      ), attempt as (
        update invoice_attempts
        set finished_at = now(), outcome = 'issued', http_status = 200, error_code = null, response_body = ${JSON.stringify(doc)}
        where org_id = ${s.orgId} and id = ${c.claim}
        returning id
      ), series as (
        insert into invoice_series (org_id, company_cif, series_name, next_number, known_at, pad_width)
        values (${s.orgId}, ${s.cif}, ${s.series}, ${Number(doc.number) + 1}, now(), ${width}::int)
        on conflict (org_id, company_cif, series_name) do update
        set next_number = greatest(coalesce(invoice_series.next_number, 0), excluded.next_number), known_at = now(),
            pad_width = coalesce(excluded.pad_width, invoice_series.pad_width)
        returning 1
      )
      select (select count(*) from req)::int as recorded`)) as unknown as { recorded: number }[];
    if (rows[0]?.recorded === 1) return "recorded";
  } catch (e) {
    // 23505: the number is already some other request's (a person linked it): an alarm, never a drop.
    if (!isUniqueViolation(e)) throw e;
  }
  const [now] = (await db.execute(sql`
    select status, issued_series, issued_number from invoice_requests where org_id = ${s.orgId} and id = ${c.id}`)) as unknown as { status: string; issued_series: string | null; issued_number: string | null }[];
  // Reconcile proved it by its mark before the slow answer came: the same document, nothing to do.
  if (now?.status === "issued" && now.issued_series === series && now.issued_number === doc.number) {
    await finishAttempt(db, s.orgId, c.claim, "issued", undefined, JSON.stringify(doc));
    return "already";
  }
  await db.transaction(async (tx) => {
    await finishAttempt(tx, s.orgId, c.claim, "issued", undefined, JSON.stringify(doc));
    await raiseAlarm(tx, { orgId: s.orgId, kind: "late_answer", requestId: c.id, attemptId: c.claim, cif: s.cif, series, number: doc.number, detail: { statusWhenAnswered: now?.status ?? null, document: doc } });
  });
  return "alarm";
}

export type ErrorOutcome = { stop?: "in_doubt" | "rate_limited" | "unavailable" | "paused"; retryAt?: Date; inDoubt?: boolean; failed?: boolean; lost?: boolean };

const MAX_UNAVAILABLE_ATTEMPTS = 5;

/** A send that did not issue: back to the queue when nothing was sent, failed when refused, in_doubt when unknown. */
export async function recordError(db: Database, s: SeriesRef, c: Claimed, e: SmartBillError): Promise<ErrorOutcome> {
  return db.transaction(async (tx) => {
    const fence = { orgId: s.orgId, id: c.id, claim: c.claim };
    if (e.code === "ambiguous") {
      // The claim stays (a slow answer that still comes is recorded under it); the series goes on.
      const moved = await moveRequest(tx, { ...fence, move: "ambiguous", set: { leaseUntil: null } });
      await finishAttempt(tx, s.orgId, c.claim, "ambiguous", e);
      return moved ? { inDoubt: true } : { lost: true };
    }
    const requeue = (notBefore: Date | null) => moveRequest(tx, { ...fence, move: "notSent", set: { leaseUntil: null, claimId: null, expectedNumber: null, notBefore: notBefore ?? sql`now()` } });
    if (e.code === "rate_limited") {
      const until = e.until ?? new Date(Date.now() + 10_000);
      const moved = await requeue(until);
      await finishAttempt(tx, s.orgId, c.claim, "rate_limited", e);
      return { stop: "rate_limited", retryAt: until, lost: !moved };
    }
    if (e.code === "unavailable" && c.attemptCount < MAX_UNAVAILABLE_ATTEMPTS) {
      const retryAt = new Date(Date.now() + 1000 * 2 ** c.attemptCount);
      const moved = await requeue(retryAt);
      await finishAttempt(tx, s.orgId, c.claim, "not_sent", e);
      return { stop: "unavailable", retryAt, lost: !moved };
    }
    if (e.code === "package_exhausted") {
      const moved = await requeue(null);
      await finishAttempt(tx, s.orgId, c.claim, "rejected", e);
      await tx.insert(invoicingPauses).values({ orgId: s.orgId, reason: "package_exhausted", detail: e.originalText || null }).onConflictDoNothing();
      return { stop: "paused", lost: !moved };
    }
    const [reg] = await tx.select({ clientId: registrations.clientId }).from(registrations).where(and(eq(registrations.orgId, s.orgId), eq(registrations.id, c.registrationId)));
    const f = failureOfCode(e.code, reg?.clientId);
    const moved = await moveRequest(tx, {
      ...fence,
      move: "rejected",
      set: { leaseUntil: null, claimId: null, failureType: f.type, failureReason: f.messageKey, failureText: e.originalText || null, retryable: f.retryable },
    });
    await finishAttempt(tx, s.orgId, c.claim, e.code === "unavailable" ? "not_sent" : "rejected", e);
    return moved ? { failed: true } : { lost: true };
  });
}
