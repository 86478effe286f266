"use server";

import { revalidatePath } from "next/cache";
import { db } from "@/db";
import { voidPaymentSchema } from "@/lib/registrations/schemas";
import { voidPayment } from "@/lib/registrations/void-payment";
import { memberAction } from "@/lib/safe-action";
import { invoicingTriggers } from "@/lib/invoicing";

/** Voids a payment with a reason; it is never deleted. */
export const voidPaymentAction = memberAction(
  { name: "voidPayment", schema: voidPaymentSchema, permission: "manageRegistrations" },
  async ({ paymentId, reason }, ctx) => {
    const { registration } = await voidPayment(db, { orgId: ctx.orgId, actorUserId: ctx.user.id, paymentId, reason }, invoicingTriggers);
    revalidatePath("/registrations");
    return { registrationId: registration.id, paidBani: registration.paidBani, paymentStatus: registration.paymentStatus };
  },
);
