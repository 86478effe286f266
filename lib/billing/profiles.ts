import "server-only";
import { and, asc, desc, eq, isNull, sql } from "drizzle-orm";
import type { Database, Executor, Transaction } from "@/db";
import { billingProfiles, organisations } from "@/db/schema";
import { writeAudit } from "@/lib/audit";
import { AppError } from "@/lib/errors";
import { getActiveConnection } from "./connection";
import { MAX_PROFILES, PROFILE_FIELDS, type Profile, type ProfileInput } from "./schemas";

export type BillingProfile = typeof billingProfiles.$inferSelect;

type ProfileFields = Omit<ProfileInput, "id">;
/** A profile as its form holds it: every field present, empty text instead of null. */
export type ProfileDraft = { [K in keyof ProfileFields]-?: Exclude<ProfileFields[K], null | undefined> };

// The columns a profile form edits (also the audit's "what changed").
const EDITABLE = PROFILE_FIELDS satisfies readonly (keyof Profile & keyof BillingProfile)[];
type Editable = Pick<BillingProfile, (typeof EDITABLE)[number]>;

const active = isNull(billingProfiles.archivedAt);

function editableOf(p: Profile | BillingProfile): Editable {
  return Object.fromEntries(EDITABLE.map((k) => [k, p[k]])) as Editable;
}

/** The organisation's active profiles, the default first. */
export async function listProfiles(db: Executor, orgId: string): Promise<BillingProfile[]> {
  return db
    .select()
    .from(billingProfiles)
    .where(and(eq(billingProfiles.orgId, orgId), active))
    .orderBy(desc(billingProfiles.isDefault), asc(billingProfiles.createdAt), asc(billingProfiles.id));
}

export async function getProfile(db: Executor, orgId: string, profileId: string): Promise<BillingProfile | null> {
  const [row] = await db
    .select()
    .from(billingProfiles)
    .where(and(eq(billingProfiles.orgId, orgId), eq(billingProfiles.id, profileId), active));
  return row ?? null;
}

// Profile changes of one organisation run one at a time, so "the first profile becomes the default"
// and "exactly one default" hold under concurrent requests too.
async function lockProfiles(tx: Transaction, orgId: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`billing_profiles:${orgId}`}, 0))`);
}

// Bounded per school (checked under the profiles lock, so parallel creates cannot pass it together):
// MAX_PROFILES in use, and ten times that counting archived ones, so create-and-archive cannot grow forever.
async function checkProfileLimit(tx: Transaction, orgId: string) {
  const [counts] = await tx
    .select({ all: sql<number>`count(*)::int`, active: sql<number>`(count(*) filter (where ${billingProfiles.archivedAt} is null))::int` })
    .from(billingProfiles)
    .where(eq(billingProfiles.orgId, orgId));
  if ((counts?.active ?? 0) >= MAX_PROFILES || (counts?.all ?? 0) >= MAX_PROFILES * 10) {
    throw new AppError("conflict", "errors.limit.profiles");
  }
}

async function requireProfile(tx: Transaction, orgId: string, profileId: string): Promise<BillingProfile> {
  const row = await getProfile(tx, orgId, profileId);
  if (!row) throw new AppError("not_found", "profiles.notFound");
  return row;
}

/** Values for a new profile's form: the first one comes from the SmartBill connection and the school. */
export async function draftProfile(db: Executor, orgId: string): Promise<ProfileDraft> {
  const [connection, [org], [existing]] = await Promise.all([
    getActiveConnection(db, orgId),
    db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, orgId)),
    db.select({ id: billingProfiles.id }).from(billingProfiles).where(and(eq(billingProfiles.orgId, orgId), active)).limit(1),
  ]);
  const first = !existing;
  return {
    companyName: first ? (org?.name ?? "") : "",
    cif: first ? (connection?.cif ?? "") : "",
    regCom: "",
    address: "",
    city: "",
    county: "",
    country: "Romania",
    email: "",
    phone: "",
    iban: "",
    bank: "",
    vatPayer: connection?.vatPayer ?? true,
    currency: "RON",
    invoiceLanguage: "RO",
    dueDays: 15,
  };
}

/** Adds a profile; the organisation's first active profile becomes its default. */
export async function createProfile(db: Database, p: { orgId: string; actorUserId: string; input: Profile }): Promise<BillingProfile> {
  return db.transaction(async (tx) => {
    await lockProfiles(tx, p.orgId);
    await checkProfileLimit(tx, p.orgId);
    const [hasDefault] = await tx
      .select({ id: billingProfiles.id })
      .from(billingProfiles)
      .where(and(eq(billingProfiles.orgId, p.orgId), active, eq(billingProfiles.isDefault, true)));
    const values = editableOf(p.input);
    const [row] = await tx
      .insert(billingProfiles)
      .values({ ...values, orgId: p.orgId, isDefault: !hasDefault })
      .returning();
    await writeAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      action: "billing_profile.created",
      entityType: "billing_profile",
      entityId: row!.id,
      details: { ...values, isDefault: row!.isDefault },
    });
    return row!;
  });
}

/** Saves the form's fields; the audit records each field that changed, from → to. */
export async function updateProfile(
  db: Database,
  p: { orgId: string; actorUserId: string; profileId: string; input: Profile },
): Promise<BillingProfile> {
  return db.transaction(async (tx) => {
    await lockProfiles(tx, p.orgId);
    const before = await requireProfile(tx, p.orgId, p.profileId);
    const next = editableOf(p.input);
    const changed = Object.fromEntries(
      EDITABLE.filter((k) => before[k] !== next[k]).map((k) => [k, { from: before[k], to: next[k] }]),
    );
    if (!Object.keys(changed).length) return before;
    const [row] = await tx
      .update(billingProfiles)
      .set({ ...next, updatedAt: new Date() })
      .where(and(eq(billingProfiles.orgId, p.orgId), eq(billingProfiles.id, p.profileId)))
      .returning();
    await writeAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      action: "billing_profile.updated",
      entityType: "billing_profile",
      entityId: p.profileId,
      details: { companyName: row!.companyName, changed },
    });
    return row!;
  });
}

/** Moves the default to this profile: the old default is unset first, in the same transaction. */
export async function makeDefaultProfile(db: Database, p: { orgId: string; actorUserId: string; profileId: string }): Promise<void> {
  await db.transaction(async (tx) => {
    await lockProfiles(tx, p.orgId);
    const target = await requireProfile(tx, p.orgId, p.profileId);
    if (target.isDefault) return;
    const previous = await tx
      .update(billingProfiles)
      .set({ isDefault: false, updatedAt: new Date() })
      .where(and(eq(billingProfiles.orgId, p.orgId), eq(billingProfiles.isDefault, true), active))
      .returning({ id: billingProfiles.id, companyName: billingProfiles.companyName });
    await tx
      .update(billingProfiles)
      .set({ isDefault: true, updatedAt: new Date() })
      .where(and(eq(billingProfiles.orgId, p.orgId), eq(billingProfiles.id, p.profileId)));
    await writeAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      action: "billing_profile.default_changed",
      entityType: "billing_profile",
      entityId: p.profileId,
      details: { from: previous[0] ?? null, to: { id: target.id, companyName: target.companyName } },
    });
  });
}

/** Archived profiles keep their row (invoices refer to them); the default cannot be archived. */
export async function archiveProfile(db: Database, p: { orgId: string; actorUserId: string; profileId: string }): Promise<void> {
  await db.transaction(async (tx) => {
    await lockProfiles(tx, p.orgId);
    const target = await requireProfile(tx, p.orgId, p.profileId);
    if (target.isDefault) throw new AppError("conflict", "profiles.archiveDefault");
    await tx
      .update(billingProfiles)
      .set({ archivedAt: new Date(), updatedAt: new Date() })
      .where(and(eq(billingProfiles.orgId, p.orgId), eq(billingProfiles.id, p.profileId)));
    await writeAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      action: "billing_profile.archived",
      entityType: "billing_profile",
      entityId: p.profileId,
      details: { companyName: target.companyName, cif: target.cif, seriesName: target.seriesName },
    });
  });
}

/** Stores the SmartBill series a profile issues into (the caller checks it exists in SmartBill). */
export async function bindSeries(
  db: Database,
  p: { orgId: string; actorUserId: string; profileId: string; seriesName: string },
): Promise<BillingProfile> {
  return db.transaction(async (tx) => {
    const before = await requireProfile(tx, p.orgId, p.profileId);
    if (before.seriesName === p.seriesName) return before;
    const [row] = await tx
      .update(billingProfiles)
      .set({ seriesName: p.seriesName, updatedAt: new Date() })
      .where(and(eq(billingProfiles.orgId, p.orgId), eq(billingProfiles.id, p.profileId)))
      .returning();
    await writeAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      action: "billing_profile.series_changed",
      entityType: "billing_profile",
      entityId: p.profileId,
      details: { companyName: before.companyName, from: before.seriesName, to: p.seriesName },
    });
    return row!;
  });
}

/** The profiles step is done once the organisation has an active profile. */
export async function requireProfiles(db: Executor, orgId: string): Promise<void> {
  const [row] = await db.select({ id: billingProfiles.id }).from(billingProfiles).where(and(eq(billingProfiles.orgId, orgId), active)).limit(1);
  if (!row) throw new AppError("conflict", "profiles.needOne");
}

/** The series step is done once every active profile has a series. */
export async function requireSeriesForAll(db: Executor, orgId: string): Promise<BillingProfile[]> {
  const rows = await listProfiles(db, orgId);
  if (!rows.length) throw new AppError("conflict", "profiles.needOne");
  if (rows.some((r) => !r.seriesName)) throw new AppError("conflict", "profiles.series.needAll");
  return rows;
}

