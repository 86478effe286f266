"use server";

import { z } from "zod";
import { db } from "@/db";
import { seriesBindingSchema } from "@/lib/billing/schemas";
import { checkSeriesStep, chooseSeries } from "@/lib/billing/series";
import { completeStep, requireEarlierSteps } from "@/lib/billing/setup-progress";
import { memberAction } from "@/lib/safe-action";

export const bindSeriesAction = memberAction(
  { name: "bindSeries", schema: seriesBindingSchema, permission: "manageBilling" },
  async (input, ctx) => {
    const row = await chooseSeries(db, { orgId: ctx.orgId, actorUserId: ctx.user.id, ...input });
    return { profileId: row.id, seriesName: row.seriesName };
  },
);

export const completeSeriesStepAction = memberAction(
  { name: "completeSeriesStep", schema: z.object({}), permission: "manageBilling" },
  async (_input, ctx) => {
    await requireEarlierSteps(db, ctx.orgId, "series");
    await checkSeriesStep(db, ctx.orgId);
    return { next: await completeStep(db, ctx.orgId, "series") };
  },
);
