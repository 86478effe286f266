import "server-only";
import { eq } from "drizzle-orm";
import type { Executor } from "../client";
import { billingSettings } from "../schema";

export type BillingSettings = typeof billingSettings.$inferSelect;

/** What an organisation that never saved a choice gets (the column defaults). */
export function defaultBillingSettings(orgId: string): BillingSettings {
  return {
    orgId,
    generationMode: "automatic",
    triggerDebtCleared: true,
    triggerDownPayment: true,
    vatMode: "payer_included",
    vatSyncedAt: null,
    updatedAt: new Date(0),
  };
}

/** The organisation's invoicing choices; the defaults when none were saved yet. Never writes. */
export async function getBillingSettings(db: Executor, orgId: string): Promise<BillingSettings> {
  const [row] = await db.select().from(billingSettings).where(eq(billingSettings.orgId, orgId));
  return row ?? defaultBillingSettings(orgId);
}

/** Creates the row with the defaults unless it exists, so writers can update it. */
export async function ensureBillingSettings(db: Executor, orgId: string): Promise<void> {
  await db.insert(billingSettings).values({ orgId }).onConflictDoNothing();
}

/** The organisation's row, locked until the transaction ends (created first if missing). */
export async function lockBillingSettings(db: Executor, orgId: string): Promise<BillingSettings> {
  await ensureBillingSettings(db, orgId);
  const [row] = await db.select().from(billingSettings).where(eq(billingSettings.orgId, orgId)).for("update");
  return row!;
}

export async function updateBillingSettings(
  db: Executor,
  orgId: string,
  values: Partial<Omit<BillingSettings, "orgId">>,
): Promise<void> {
  await db.update(billingSettings).set(values).where(eq(billingSettings.orgId, orgId));
}
