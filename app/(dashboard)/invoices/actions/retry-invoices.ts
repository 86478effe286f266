"use server";

import { revalidatePath } from "next/cache";
import { db } from "@/db";
import { retryInvoicesSchema } from "@/lib/invoicing/schemas";
import { retryFailedRequests } from "@/lib/invoicing";
import { enqueueDrains } from "@/lib/jobs/enqueue";
import { memberAction } from "@/lib/safe-action";

/**
 * Retries the selected failed invoices, or every retryable one (requestIds null); the others are skipped.
 * `paymentVoided`: how many of the skipped were for a payment since voided (said apart in the notice).
 */
export const retryInvoicesAction = memberAction({ name: "retryInvoices", schema: retryInvoicesSchema, permission: "issueInvoices" }, async ({ requestIds }, ctx) => {
  const { retried, skipped, paymentVoided } = await retryFailedRequests(db, { orgId: ctx.orgId, actorUserId: ctx.user.id, ...(requestIds ? { requestIds } : {}) });
  await enqueueDrains(retried.map((r) => ({ orgId: r.orgId, cif: r.companyCif, series: r.seriesName })));
  revalidatePath("/invoices", "layout");
  return { retried: retried.length, skipped, paymentVoided: paymentVoided.length };
});
