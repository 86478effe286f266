"use server";

import { revalidatePath } from "next/cache";
import { db } from "@/db";
import { getInvoiceRequest } from "@/db/queries/invoices";
import { markNotCreatedSchema } from "@/lib/invoicing/schemas";
import { markNotCreated } from "@/lib/invoicing";
import { workerDeps } from "@/lib/jobs/deps";
import { enqueueDrain } from "@/lib/jobs/enqueue";
import { memberAction } from "@/lib/safe-action";

/** "Not created: issue again": an in-doubt request goes back to the queue and is sent again. */
export const markNotCreatedAction = memberAction({ name: "markNotCreated", schema: markNotCreatedSchema, permission: "issueInvoices" }, async ({ requestId }, ctx) => {
  await markNotCreated({ ...workerDeps(), db }, { orgId: ctx.orgId, actorUserId: ctx.user.id, requestId });
  const r = await getInvoiceRequest(db, ctx.orgId, requestId);
  if (r) await enqueueDrain(r.orgId, r.companyCif, r.seriesName);
  revalidatePath("/invoices", "layout");
  return null;
});
