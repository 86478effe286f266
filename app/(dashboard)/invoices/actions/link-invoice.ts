"use server";

import { revalidatePath } from "next/cache";
import { db } from "@/db";
import { getInvoiceRequest } from "@/db/queries/invoices";
import { linkInvoiceSchema } from "@/lib/invoicing/schemas";
import { linkInvoice } from "@/lib/invoicing";
import { workerDeps } from "@/lib/jobs/deps";
import { enqueueDrain } from "@/lib/jobs/enqueue";
import { memberAction } from "@/lib/safe-action";

/** "Link SERIES-NUMBER": an in-doubt request becomes that invoice, only if the document carries its mark. */
export const linkInvoiceAction = memberAction({ name: "linkInvoice", schema: linkInvoiceSchema, permission: "issueInvoices" }, async ({ requestId, number }, ctx) => {
  const linked = await linkInvoice({ ...workerDeps(), db }, { orgId: ctx.orgId, actorUserId: ctx.user.id, requestId, number });
  // A duplicate may have blocked the series: linking lifts the block, so what waits goes now.
  const r = await getInvoiceRequest(db, ctx.orgId, requestId);
  if (r) await enqueueDrain(r.orgId, r.companyCif, r.seriesName);
  revalidatePath("/invoices", "layout");
  return linked;
});
