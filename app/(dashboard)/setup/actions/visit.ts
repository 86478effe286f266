"use server";

import { db } from "@/db";
import { visitStepSchema } from "@/lib/billing/schemas";
import { visitStep } from "@/lib/billing/setup-progress";
import { memberAction } from "@/lib/safe-action";

/** Remembers the step the admin opened, so leaving and coming back resumes there (the page never writes). */
export const visitStepAction = memberAction(
  { name: "visitSetupStep", schema: visitStepSchema, permission: "manageBilling" },
  async ({ step }, ctx) => {
    await visitStep(db, ctx.orgId, step);
    return null;
  },
);
