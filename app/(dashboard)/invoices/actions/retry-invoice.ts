"use server";

import { revalidatePath } from "next/cache";
import { db } from "@/db";
import { retryInvoiceSchema } from "@/lib/invoicing/schemas";
import { retryRequest } from "@/lib/invoicing";
import { enqueueDrain } from "@/lib/jobs/enqueue";
import { memberAction } from "@/lib/safe-action";

/** Retries one failed invoice: its payload is rebuilt from today's settings. */
export const retryInvoiceAction = memberAction({ name: "retryInvoice", schema: retryInvoiceSchema, permission: "issueInvoices" }, async ({ requestId }, ctx) => {
  const { request, payloadChanged } = await retryRequest(db, { orgId: ctx.orgId, actorUserId: ctx.user.id, requestId });
  await enqueueDrain(request.orgId, request.companyCif, request.seriesName);
  revalidatePath("/invoices", "layout");
  return { requestId: request.id, payloadChanged };
});
