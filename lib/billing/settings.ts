import "server-only";
import type { Database } from "@/db";
import { lockBillingSettings, updateBillingSettings } from "@/db/queries/billing-settings";
import { writeAudit } from "@/lib/audit";
import type { GenerationInput } from "./schemas";

export async function saveGeneration(db: Database, p: { orgId: string; actorUserId: string; input: GenerationInput }) {
  await db.transaction(async (tx) => {
    const before = await lockBillingSettings(tx, p.orgId);
    const next = {
      generationMode: p.input.mode,
      triggerDebtCleared: p.input.triggerDebtCleared,
      triggerDownPayment: p.input.triggerDownPayment,
    };
    await updateBillingSettings(tx, p.orgId, { ...next, updatedAt: new Date() });
    await writeAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      action: "billing.generation_changed",
      entityType: "billing_settings",
      entityId: p.orgId,
      details: {
        from: { mode: before.generationMode, debtCleared: before.triggerDebtCleared, downPayment: before.triggerDownPayment },
        to: { mode: next.generationMode, debtCleared: next.triggerDebtCleared, downPayment: next.triggerDownPayment },
      },
    });
  });
}
