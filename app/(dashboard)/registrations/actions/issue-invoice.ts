"use server";

import { revalidatePath } from "next/cache";
import { db } from "@/db";
import { issueManualInvoice } from "@/lib/invoicing";
import { issueInvoiceSchema } from "@/lib/invoicing/schemas";
import { enqueueDrain } from "@/lib/jobs/enqueue";
import { memberAction } from "@/lib/safe-action";

/** Confirm in the issue dialog: one request per dialog opening (clientRequestId), then wakes its series' drain. */
export const issueInvoiceAction = memberAction(
  { name: "issueInvoice", schema: issueInvoiceSchema, permission: "issueInvoices" },
  async ({ registrationId, clientRequestId, amount, vatOverride }, ctx) => {
    const issued = await issueManualInvoice(db, { orgId: ctx.orgId, actorUserId: ctx.user.id, registrationId, clientRequestId, amountBani: amount, vatOverride });
    // After the commit: a lost wake-up only delays (the sweeper re-enqueues stale queued requests).
    if (issued.status === "queued") await enqueueDrain(ctx.orgId, issued.companyCif, issued.seriesName);
    revalidatePath("/registrations");
    revalidatePath(`/registrations/${registrationId}`);
    return { requestId: issued.requestId, status: issued.status, created: issued.created, alreadyOpen: issued.alreadyOpen };
  },
);
