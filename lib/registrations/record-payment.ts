import "server-only";
import { and, eq } from "drizzle-orm";
import type { Executor } from "@/db";
import { payments, type Payment, type Registration } from "@/db/schema";
import { writeAudit } from "@/lib/audit";
import { AppError } from "@/lib/errors";
import type { PaymentMethod, PaymentSource } from "./constants";
import type { PaymentTriggers } from "./payment-hooks";
import { lockRegistration, recomputePaid } from "./recompute";

export interface RecordPaymentCommand {
  orgId: string;
  actorUserId: string | null;
  registrationId: string;
  amountBani: number;
  paidOn: string;
  method: PaymentMethod;
  source: PaymentSource;
  /** Import row or bank transaction id: recording the same one again returns the first payment. */
  externalKey?: string | null;
  note?: string | null;
}

export interface RecordedPayment {
  payment: Payment;
  registration: Registration;
  created: boolean;
}

/**
 * THE one way a payment is written: by hand, by import or from the bank. In one transaction it locks
 * the registration, inserts the payment, recomputes paid / balance / payment status, audits, and lets
 * automatic invoicing enqueue (so an invoice request exists if and only if the payment does).
 * Runs inside the caller's transaction when given one (the import commits all rows at once).
 */
export async function recordPayment(db: Executor, c: RecordPaymentCommand, triggers: PaymentTriggers): Promise<RecordedPayment> {
  return db.transaction(async (tx) => {
    const before = await lockRegistration(tx, c.orgId, c.registrationId);
    if (before.status === "cancelled") throw new AppError("conflict", "registrationErrors.errors.paymentOnCancelled");
    if (c.externalKey) {
      const [existing] = await tx
        .select()
        .from(payments)
        .where(and(eq(payments.orgId, c.orgId), eq(payments.source, c.source), eq(payments.externalKey, c.externalKey)));
      if (existing) return { payment: existing, registration: before, created: false };
    }
    const [payment] = await tx
      .insert(payments)
      .values({
        orgId: c.orgId,
        registrationId: c.registrationId,
        amountBani: c.amountBani,
        paidOn: c.paidOn,
        method: c.method,
        source: c.source,
        externalKey: c.externalKey ?? null,
        note: c.note ?? null,
        recordedBy: c.actorUserId,
      })
      .returning();
    const after = await recomputePaid(tx, c.orgId, c.registrationId);
    await writeAudit(tx, {
      orgId: c.orgId,
      actorUserId: c.actorUserId,
      action: "payment.recorded",
      entityType: "payment",
      entityId: payment!.id,
      details: {
        registrationId: c.registrationId,
        amountBani: c.amountBani,
        paidOn: c.paidOn,
        method: c.method,
        source: c.source,
        statusFrom: before.paymentStatus,
        statusTo: after.paymentStatus,
      },
    });
    await triggers.paymentRecorded(tx, { orgId: c.orgId, actorUserId: c.actorUserId, payment: payment!, before, after });
    return { payment: payment!, registration: after, created: true };
  });
}
