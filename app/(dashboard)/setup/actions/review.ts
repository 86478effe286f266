"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { db } from "@/db";
import { finishSetup } from "@/lib/billing/setup-progress";
import { issueTestDraft } from "@/lib/invoicing";
import { writeAudit } from "@/lib/audit";
import { memberAction } from "@/lib/safe-action";

export const issueTestDraftAction = memberAction(
  { name: "issueTestDraft", schema: z.object({}), permission: "manageBilling" },
  async (_input, ctx) => {
    const result = await issueTestDraft(db, { orgId: ctx.orgId, actorUserId: ctx.user.id });
    revalidatePath("/setup/review");
    return result;
  },
);

export const finishSetupAction = memberAction(
  { name: "finishSetup", schema: z.object({}), permission: "manageBilling" },
  async (_input, ctx) => {
    await finishSetup(db, ctx.orgId);
    await writeAudit(db, { orgId: ctx.orgId, actorUserId: ctx.user.id, action: "setup.finished", entityType: "organisation", entityId: ctx.orgId });
    revalidatePath("/", "layout");
    return { done: true };
  },
);
