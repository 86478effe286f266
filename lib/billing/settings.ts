import "server-only";
import { eq } from "drizzle-orm";
import type { Database, Executor } from "@/db";
import { billingSettings } from "@/db/schema";
import { writeAudit } from "@/lib/audit";
import type { GenerationInput } from "./schemas";

export type BillingSettings = typeof billingSettings.$inferSelect;

export async function getBillingSettings(db: Executor, orgId: string): Promise<BillingSettings> {
  const [row] = await db.select().from(billingSettings).where(eq(billingSettings.orgId, orgId));
  if (row) return row;
  const [created] = await db.insert(billingSettings).values({ orgId }).onConflictDoNothing().returning();
  return created ?? (await db.select().from(billingSettings).where(eq(billingSettings.orgId, orgId)))[0]!;
}

export async function saveGeneration(db: Database, p: { orgId: string; actorUserId: string; input: GenerationInput }) {
  await db.transaction(async (tx) => {
    const before = await getBillingSettings(tx, p.orgId);
    const next = {
      generationMode: p.input.mode,
      triggerDebtCleared: p.input.triggerDebtCleared,
      triggerDownPayment: p.input.triggerDownPayment,
    };
    await tx.update(billingSettings).set({ ...next, updatedAt: new Date() }).where(eq(billingSettings.orgId, p.orgId));
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
