"use server";

import { revalidatePath } from "next/cache";
import { db } from "@/db";
import { resumeIssuingSchema } from "@/lib/invoicing/schemas";
import { resumeIssuing } from "@/lib/invoicing";
import { enqueueDrains } from "@/lib/jobs/enqueue";
import { memberAction } from "@/lib/safe-action";

/**
 * Lifts the package-exhausted pause; queued invoices continue. Admins only: it is about the school's
 * SmartBill plan, which staff cannot see or change (the banner tells staff to ask an admin).
 */
export const resumeIssuingAction = memberAction({ name: "resumeIssuing", schema: resumeIssuingSchema, permission: "manageBilling" }, async (_input, ctx) => {
  const { resumed, series } = await resumeIssuing(db, { orgId: ctx.orgId, actorUserId: ctx.user.id });
  await enqueueDrains(series);
  revalidatePath("/", "layout");
  return { resumed: !!resumed, series: series.length };
});
