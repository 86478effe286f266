import "server-only";
import { and, asc, desc, eq, isNull, sql } from "drizzle-orm";
import type { Executor, Transaction } from "../client";
import { billingProfiles } from "../schema";

// Billing profiles: the legal entities an organisation issues invoices as. Archived ones keep their row.

export type BillingProfile = typeof billingProfiles.$inferSelect;
export type NewBillingProfile = Omit<typeof billingProfiles.$inferInsert, "id" | "orgId">;

const active = isNull(billingProfiles.archivedAt);
const ofOrg = (orgId: string, profileId: string) => and(eq(billingProfiles.orgId, orgId), eq(billingProfiles.id, profileId));

/** The organisation's active profiles, the default first, then oldest first (or by name). */
export async function listActiveProfiles(db: Executor, orgId: string, opts: { by?: "created" | "name" } = {}): Promise<BillingProfile[]> {
  const then = opts.by === "name" ? [asc(billingProfiles.companyName)] : [asc(billingProfiles.createdAt), asc(billingProfiles.id)];
  return db
    .select()
    .from(billingProfiles)
    .where(and(eq(billingProfiles.orgId, orgId), active))
    .orderBy(desc(billingProfiles.isDefault), ...then);
}

export async function getActiveProfile(db: Executor, orgId: string, profileId: string): Promise<BillingProfile | null> {
  const [row] = await db.select().from(billingProfiles).where(and(ofOrg(orgId, profileId), active));
  return row ?? null;
}

export async function hasActiveProfile(db: Executor, orgId: string, opts: { isDefault?: boolean } = {}): Promise<boolean> {
  const [row] = await db
    .select({ id: billingProfiles.id })
    .from(billingProfiles)
    .where(and(eq(billingProfiles.orgId, orgId), active, opts.isDefault ? eq(billingProfiles.isDefault, true) : undefined))
    .limit(1);
  return !!row;
}

// Profile changes of one organisation run one at a time, so "the first profile becomes the default"
// and "exactly one default" hold under concurrent requests too.
export async function lockProfiles(tx: Transaction, orgId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`billing_profiles:${orgId}`}, 0))`);
}

/** How many profiles the organisation has: all of them, and the active (not archived) ones. */
export async function countProfiles(db: Executor, orgId: string): Promise<{ all: number; active: number }> {
  const [counts] = await db
    .select({ all: sql<number>`count(*)::int`, active: sql<number>`(count(*) filter (where ${billingProfiles.archivedAt} is null))::int` })
    .from(billingProfiles)
    .where(eq(billingProfiles.orgId, orgId));
  return { all: counts?.all ?? 0, active: counts?.active ?? 0 };
}

export async function insertProfile(db: Executor, orgId: string, values: NewBillingProfile): Promise<BillingProfile> {
  const [row] = await db.insert(billingProfiles).values({ ...values, orgId }).returning();
  return row!;
}

export async function updateProfile(
  db: Executor,
  orgId: string,
  profileId: string,
  values: Partial<Omit<NewBillingProfile, "createdAt">>,
): Promise<BillingProfile> {
  const [row] = await db
    .update(billingProfiles)
    .set({ ...values, updatedAt: new Date() })
    .where(ofOrg(orgId, profileId))
    .returning();
  return row!;
}

/** Unsets the organisation's active default; returns what it was. */
export async function clearDefaultProfile(db: Executor, orgId: string): Promise<{ id: string; companyName: string } | null> {
  const [row] = await db
    .update(billingProfiles)
    .set({ isDefault: false, updatedAt: new Date() })
    .where(and(eq(billingProfiles.orgId, orgId), eq(billingProfiles.isDefault, true), active))
    .returning({ id: billingProfiles.id, companyName: billingProfiles.companyName });
  return row ?? null;
}
