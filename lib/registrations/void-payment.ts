import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Executor } from "@/db";
import { getPayment } from "@/db/queries/payments";
import { payments, type Payment, type Registration } from "@/db/schema";
import { writeAudit } from "@/lib/audit";
import { AppError } from "@/lib/errors";
import type { PaymentTriggers } from "./payment-hooks";
import { lockRegistration, recomputePaid } from "./recompute";

/** Voids a payment (never deletes it): who, when and why stay on the row and in the audit. */
export async function voidPayment(
  db: Executor,
  c: { orgId: string; actorUserId: string | null; paymentId: string; reason: string },
  triggers: PaymentTriggers,
): Promise<{ payment: Payment; registration: Registration }> {
  return db.transaction(async (tx) => {
    const found = await getPayment(tx, c.orgId, c.paymentId);
    if (!found) throw new AppError("not_found", "registrationErrors.errors.paymentNotFound");
    // Same lock order as recordPayment: the registration first.
    const before = await lockRegistration(tx, c.orgId, found.registrationId);
    const [payment] = await tx
      .update(payments)
      .set({ voidedAt: sql`now()`, voidReason: c.reason, voidedBy: c.actorUserId })
      .where(and(eq(payments.orgId, c.orgId), eq(payments.id, c.paymentId), sql`${payments.voidedAt} is null`))
      .returning();
    if (!payment) throw new AppError("conflict", "registrationErrors.errors.paymentAlreadyVoided");
    const after = await recomputePaid(tx, c.orgId, found.registrationId);
    await writeAudit(tx, {
      orgId: c.orgId,
      actorUserId: c.actorUserId,
      action: "payment.voided",
      entityType: "payment",
      entityId: payment.id,
      details: {
        registrationId: found.registrationId,
        amountBani: payment.amountBani,
        reason: c.reason,
        statusFrom: before.paymentStatus,
        statusTo: after.paymentStatus,
      },
    });
    await triggers.paymentVoided(tx, { orgId: c.orgId, actorUserId: c.actorUserId, payment, before, after });
    return { payment, registration: after };
  });
}
