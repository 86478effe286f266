import "server-only";
import { and, eq, inArray, isNotNull, sql } from "drizzle-orm";
import type { Database, Transaction } from "@/db";
import { invoiceRequests, payments, type InvoiceRequest } from "@/db/schema";
import { writeAudit } from "@/lib/audit";
import { AppError } from "@/lib/errors";
import { lockRegistration } from "@/lib/registrations/recompute";
import { newMarkCode, withMark } from "../engine/mark";
import { moveRequest } from "../engine/status";
import { planInvoice } from "../documents/issuer";
import { findOpenManual, invoicedBani } from "./shared";

// Retrying failed requests. A failed request created nothing in SmartBill, so sending it again is safe;
// the payload is rebuilt from today's settings (profile, series, VAT level, buyer data), which is what
// fixing a setting is for, and the answer says so (`rebuilt`).

export interface RetryResult {
  request: InvoiceRequest;
  /** The payload differs from the one that failed (today's settings changed something). */
  payloadChanged: boolean;
}

// jsonb hands objects back with its own key order: compare with the keys sorted.
function canonicalJson(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === "object" && !Array.isArray(x) ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : x,
  );
}

const PAYMENT_VOIDED = "invoicing.errors.paymentVoided";

async function paymentVoided(tx: Transaction, orgId: string, paymentId: string): Promise<boolean> {
  const [p] = await tx.select({ id: payments.id }).from(payments).where(and(eq(payments.orgId, orgId), eq(payments.id, paymentId), isNotNull(payments.voidedAt)));
  return !!p;
}

async function retryIn(tx: Transaction, c: { orgId: string; actorUserId: string | null; requestId: string }): Promise<RetryResult> {
  const [r] = await tx.select().from(invoiceRequests).where(and(eq(invoiceRequests.orgId, c.orgId), eq(invoiceRequests.id, c.requestId)));
  if (!r) throw new AppError("not_found", "invoicing.errors.requestNotFound");
  if (r.status !== "failed") throw new AppError("conflict", "invoicing.errors.notFailed");
  const registration = await lockRegistration(tx, c.orgId, r.registrationId);
  // The payment it was made for has been voided (read under the registration's lock, which voiding holds):
  // nothing is left to invoice. Voiding cancels a queued request; a failed one stays failed, never retried.
  if (r.paymentId && (await paymentVoided(tx, c.orgId, r.paymentId))) throw new AppError("conflict", PAYMENT_VOIDED);
  if (registration.status === "cancelled") throw new AppError("conflict", "invoicing.errors.registrationCancelled");
  if (r.amountBani > registration.priceBani - (await invoicedBani(tx, c.orgId, r.registrationId))) throw new AppError("conflict", "invoicing.errors.alreadyInvoiced");
  if (r.kind !== "automatic") {
    if (await findOpenManual(tx, c.orgId, r.registrationId)) throw new AppError("conflict", "invoicing.errors.alreadyBeingInvoiced");
  }
  const plan = await planInvoice(tx, c.orgId, { registrationId: r.registrationId, amountBani: r.amountBani, vatOverride: r.vatOverride });
  // The same mark again (a failed request created nothing, so no document carries it yet).
  const mark = r.mark ?? newMarkCode();
  const payload = { ...plan.payload, mentions: withMark(plan.payload.mentions, mark) } as unknown as Record<string, unknown>;
  // The dates are stamped on the day of each send: a different day is not a changed invoice.
  const undated = ({ issueDate: _i, dueDate: _d, ...rest }: Record<string, unknown>) => rest;
  const payloadChanged = canonicalJson(undated(payload)) !== canonicalJson(undated(r.payload));
  const request = await moveRequest(tx, {
    orgId: c.orgId,
    id: r.id,
    move: "retry",
    set: {
      mark,
      billingProfileId: plan.profile.id,
      companyCif: plan.companyCif,
      seriesName: plan.seriesName,
      vatName: plan.vat?.name ?? null,
      vatPercent: plan.vat ? String(plan.vat.percentage) : null,
      payload,
      totalBani: plan.totals.totalBani,
      netBani: plan.totals.netBani,
      vatBani: plan.totals.vatBani,
      expectedNumber: null,
      claimId: null,
      attemptCount: 0,
      notBefore: sql`now()`,
      failureType: null,
      failureReason: null,
      failureText: null,
      retryable: null,
    },
  });
  await writeAudit(tx, { orgId: c.orgId, actorUserId: c.actorUserId, action: "invoice.retried", entityType: "invoice_request", entityId: r.id, details: { failureType: r.failureType, payloadChanged } });
  return { request: request!, payloadChanged };
}

/** Retry one failed request (any failure type: the person may have fixed the setting). */
export async function retryRequest(db: Database, c: { orgId: string; actorUserId: string | null; requestId: string }): Promise<RetryResult> {
  return db.transaction((tx) => retryIn(tx, c));
}

export interface BulkRetryResult {
  retried: InvoiceRequest[];
  /** Not sent again: not retryable, refused (e.g. already invoiced), not found, or their payment voided. */
  skipped: number;
  /** Of the skipped: the requests whose payment was voided (never retried: nothing is left to invoice). */
  paymentVoided: string[];
}

/** Bulk retry: only failures marked retryable; each in its own transaction (one refusal does not stop the rest). */
export async function retryFailedRequests(db: Database, c: { orgId: string; actorUserId: string | null; requestIds?: string[] }): Promise<BulkRetryResult> {
  const candidates = await db
    .select({ id: invoiceRequests.id, retryable: invoiceRequests.retryable, voided: sql<boolean>`${payments.voidedAt} is not null` })
    .from(invoiceRequests)
    .leftJoin(payments, and(eq(payments.orgId, invoiceRequests.orgId), eq(payments.id, invoiceRequests.paymentId)))
    .where(and(eq(invoiceRequests.orgId, c.orgId), eq(invoiceRequests.status, "failed"), c.requestIds ? inArray(invoiceRequests.id, c.requestIds) : undefined));
  const retried: InvoiceRequest[] = [];
  const paymentVoided: string[] = [];
  let skipped = (c.requestIds?.length ?? candidates.length) - candidates.length;
  for (const r of candidates) {
    // Said first: "its payment was voided" tells the person more than "not retryable".
    if (r.voided) {
      skipped++;
      paymentVoided.push(r.id);
      continue;
    }
    if (!r.retryable) {
      skipped++;
      continue;
    }
    try {
      retried.push((await retryRequest(db, { orgId: c.orgId, actorUserId: c.actorUserId, requestId: r.id })).request);
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      skipped++;
      // Voided between the read above and the retry's transaction.
      if (e.message === PAYMENT_VOIDED) paymentVoided.push(r.id);
    }
  }
  return { retried, skipped, paymentVoided };
}
