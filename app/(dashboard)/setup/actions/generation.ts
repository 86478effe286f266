"use server";

import { db } from "@/db";
import { generationSchema } from "@/lib/billing/schemas";
import { saveGeneration } from "@/lib/billing/settings";
import { completeStep, requireEarlierSteps } from "@/lib/billing/setup-progress";
import { memberAction } from "@/lib/safe-action";

export const saveGenerationAction = memberAction(
  { name: "saveGeneration", schema: generationSchema, permission: "manageBilling" },
  async (input, ctx) => {
    await requireEarlierSteps(db, ctx.orgId, "generation");
    await saveGeneration(db, { orgId: ctx.orgId, actorUserId: ctx.user.id, input });
    return { next: await completeStep(db, ctx.orgId, "generation") };
  },
);
