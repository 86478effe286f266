"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { db } from "@/db";
import { completeStep, requireEarlierSteps } from "@/lib/billing/setup-progress";
import { saveVatChoices, syncVatLevels } from "@/lib/billing/vat";
import { memberAction } from "@/lib/safe-action";
import { vatStepSchema } from "@/lib/billing/schemas";

export const syncVatLevelsAction = memberAction(
  { name: "syncVatLevels", schema: z.object({}), permission: "manageBilling" },
  async (_input, ctx) => {
    const sync = await syncVatLevels(db, { orgId: ctx.orgId, actorUserId: ctx.user.id });
    revalidatePath("/setup/vat");
    return { vatPayer: sync.vatPayer, added: sync.added.length, removed: sync.removed.length, changed: sync.changed.length };
  },
);

/** Saves the VAT choices without leaving the step (Settings → Billing). */
export const saveVatSettingsAction = memberAction(
  { name: "saveVatSettings", schema: vatStepSchema, permission: "manageBilling" },
  async (input, ctx) => {
    await saveVatChoices(db, { orgId: ctx.orgId, actorUserId: ctx.user.id, mode: input.vatMode, defaults: input.defaults, requireReady: false });
    revalidatePath("/setup/vat");
    return { saved: true };
  },
);

/** "Save and continue": saves, checks the step is complete (server-side), and moves the wizard on. */
export const completeVatStepAction = memberAction(
  { name: "completeVatStep", schema: vatStepSchema, permission: "manageBilling" },
  async (input, ctx) => {
    await requireEarlierSteps(db, ctx.orgId, "vat");
    await saveVatChoices(db, { orgId: ctx.orgId, actorUserId: ctx.user.id, mode: input.vatMode, defaults: input.defaults, requireReady: true });
    return { next: await completeStep(db, ctx.orgId, "vat") };
  },
);
