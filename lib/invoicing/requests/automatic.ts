import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Transaction } from "@/db";
import { invoiceRequests, type InvoiceRequest, type InvoiceTrigger, type PaymentStatus } from "@/db/schema";
import { writeAudit } from "@/lib/audit";
import { getBillingSettings } from "@/db/queries/billing-settings";
import { AppError } from "@/lib/errors";
import type { PaymentEvent, PaymentTriggers } from "@/lib/registrations/payment-hooks";
import { planInvoice } from "../documents/issuer";
import { automaticKey } from "./keys";
import { moveRequests } from "../engine/status";
import { insertRequestIn, invoicedBani, requestValues } from "./shared";

// Automatic mode (PRODUCT.md §4): a payment that completes an enabled trigger enqueues ONE invoice
// covering what is paid and not yet invoiced. Runs inside the payment's transaction, with the
// registration row locked, so concurrent payments see each other's requests.

const DOWN_PAYMENT_REACHED: readonly PaymentStatus[] = ["down_payment_paid", "paid", "overpaid"];
const CLEARED: readonly PaymentStatus[] = ["paid", "overpaid"];

/** The trigger a status change completes, given which triggers are on; debt cleared wins when both fire. */
export function triggerOf(from: PaymentStatus, to: PaymentStatus, enabled: { downPayment: boolean; debtCleared: boolean }): Exclude<InvoiceTrigger, "manual"> | null {
  if (enabled.debtCleared && CLEARED.includes(to) && !CLEARED.includes(from)) return "debt_cleared";
  if (enabled.downPayment && DOWN_PAYMENT_REACHED.includes(to) && !DOWN_PAYMENT_REACHED.includes(from)) return "down_payment_paid";
  return null;
}

/** Returns the request made (or already there for this payment), or null when nothing is due. */
export async function createAutomaticRequest(tx: Transaction, e: PaymentEvent): Promise<InvoiceRequest | null> {
  const settings = await getBillingSettings(tx, e.orgId);
  if (settings.generationMode !== "automatic") return null;
  const trigger = triggerOf(e.before.paymentStatus, e.after.paymentStatus, { downPayment: settings.triggerDownPayment, debtCleared: settings.triggerDebtCleared });
  if (!trigger) return null;
  const due = Math.min(e.after.paidBani, e.after.priceBani) - (await invoicedBani(tx, e.orgId, e.after.id));
  if (due <= 0) return null;
  let plan;
  try {
    plan = await planInvoice(tx, e.orgId, { registrationId: e.after.id, amountBani: due });
  } catch (err) {
    // Invoicing not set up yet (no profile, series or VAT level): the payment still counts, and the
    // setup wizard is what shows the gap (an audit row per payment would only fill the timeline).
    if (!(err instanceof AppError)) throw err;
    return null;
  }
  const key = automaticKey(e.after.id, trigger, e.payment.id);
  const { request, created } = await insertRequestIn(tx, requestValues(plan, { orgId: e.orgId, key, kind: "automatic", trigger, actorUserId: e.actorUserId, paymentId: e.payment.id }));
  if (created) {
    await writeAudit(tx, {
      orgId: e.orgId,
      actorUserId: e.actorUserId,
      action: "invoice.requested",
      entityType: "invoice_request",
      entityId: request.id,
      details: { registrationId: e.after.id, amountBani: due, trigger, paymentId: e.payment.id, kind: "automatic" },
    });
  }
  return request;
}

/**
 * A voided payment: its automatic request not yet sent is cancelled; one issued (or possibly issued)
 * is flagged for storno (the next issue adds storno).
 */
export async function flagVoidedPayment(tx: Transaction, e: PaymentEvent): Promise<void> {
  const where = and(eq(invoiceRequests.orgId, e.orgId), eq(invoiceRequests.paymentId, e.payment.id));
  await moveRequests(tx, { orgId: e.orgId, move: "cancelQueued", where: eq(invoiceRequests.paymentId, e.payment.id) });
  const flagged = await tx
    .update(invoiceRequests)
    .set({ needsStorno: true, updatedAt: sql`now()` })
    .where(and(where, inArray(invoiceRequests.status, ["issuing", "issued", "in_doubt"])))
    .returning({ id: invoiceRequests.id });
  for (const r of flagged) {
    await writeAudit(tx, { orgId: e.orgId, actorUserId: e.actorUserId, action: "invoice.needs_storno", entityType: "invoice_request", entityId: r.id, details: { paymentId: e.payment.id } });
  }
}

/** What every payment write fires (the port lib/registrations declares), implemented by invoicing. */
export const invoicingTriggers: PaymentTriggers = {
  async paymentRecorded(tx, event) {
    await createAutomaticRequest(tx, event);
  },
  paymentVoided: flagVoidedPayment,
};
