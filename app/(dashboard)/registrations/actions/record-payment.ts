"use server";

import { revalidatePath } from "next/cache";
import { db } from "@/db";
import { wakeQueuedInvoices } from "@/lib/jobs/enqueue";
import { recordPayment } from "@/lib/registrations/record-payment";
import { recordPaymentSchema } from "@/lib/registrations/schemas";
import { memberAction } from "@/lib/safe-action";
import { invoicingTriggers } from "@/lib/invoicing";

/** Records a payment by hand (from the table's row action or the registration's page). */
export const recordPaymentAction = memberAction(
  { name: "recordPayment", schema: recordPaymentSchema, permission: "manageRegistrations" },
  async ({ registrationId, amount, paidOn, method, note }, ctx) => {
    const { payment, registration } = await recordPayment(db, {
      orgId: ctx.orgId,
      actorUserId: ctx.user.id,
      registrationId,
      amountBani: amount,
      paidOn,
      method,
      source: "manual",
      note,
    }, invoicingTriggers);
    // Automatic mode may have queued an invoice in the same transaction: start it now, not at the next sweep.
    await wakeQueuedInvoices(db, ctx.orgId);
    revalidatePath("/registrations");
    return {
      paymentId: payment.id,
      paidBani: registration.paidBani,
      balanceBani: registration.balanceBani,
      paymentStatus: registration.paymentStatus,
    };
  },
);
