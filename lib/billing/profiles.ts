import "server-only";
import type { Database, Executor, Transaction } from "@/db";
import {
  clearDefaultProfile,
  countProfiles,
  getActiveProfile,
  hasActiveProfile,
  insertProfile,
  listActiveProfiles,
  lockProfiles,
  updateProfile as updateProfileRow,
  type BillingProfile,
} from "@/db/queries/billing-profiles";
import { getOrganisation } from "@/db/queries/organisations";
import { getActiveConnection } from "@/db/queries/smartbill-connections";
import { writeAudit } from "@/lib/audit";
import { AppError } from "@/lib/errors";
import { MAX_PROFILES, PROFILE_FIELDS, type Profile, type ProfileInput } from "./schemas";

export type { BillingProfile };
export { listActiveProfiles as listProfiles, getActiveProfile as getProfile };

type ProfileFields = Omit<ProfileInput, "id">;
/** A profile as its form holds it: every field present, empty text instead of null. */
export type ProfileDraft = { [K in keyof ProfileFields]-?: Exclude<ProfileFields[K], null | undefined> };

// The columns a profile form edits (also the audit's "what changed").
const EDITABLE = PROFILE_FIELDS satisfies readonly (keyof Profile & keyof BillingProfile)[];
type Editable = Pick<BillingProfile, (typeof EDITABLE)[number]>;

function editableOf(p: Profile | BillingProfile): Editable {
  return Object.fromEntries(EDITABLE.map((k) => [k, p[k]])) as Editable;
}

// Bounded per school (checked under the profiles lock, so parallel creates cannot pass it together):
// MAX_PROFILES in use, and ten times that counting archived ones, so create-and-archive cannot grow forever.
async function checkProfileLimit(tx: Transaction, orgId: string) {
  const counts = await countProfiles(tx, orgId);
  if (counts.active >= MAX_PROFILES || counts.all >= MAX_PROFILES * 10) throw new AppError("conflict", "errors.limit.profiles");
}

async function requireProfile(tx: Transaction, orgId: string, profileId: string): Promise<BillingProfile> {
  const row = await getActiveProfile(tx, orgId, profileId);
  if (!row) throw new AppError("not_found", "profiles.notFound");
  return row;
}

/** Values for a new profile's form: the first one comes from the SmartBill connection and the school. */
export async function draftProfile(db: Executor, orgId: string): Promise<ProfileDraft> {
  const [connection, org, existing] = await Promise.all([getActiveConnection(db, orgId), getOrganisation(db, orgId), hasActiveProfile(db, orgId)]);
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
    const hasDefault = await hasActiveProfile(tx, p.orgId, { isDefault: true });
    const values = editableOf(p.input);
    const row = await insertProfile(tx, p.orgId, { ...values, isDefault: !hasDefault });
    await writeAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      action: "billing_profile.created",
      entityType: "billing_profile",
      entityId: row.id,
      details: { ...values, isDefault: row.isDefault },
    });
    return row;
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
    const row = await updateProfileRow(tx, p.orgId, p.profileId, next);
    await writeAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      action: "billing_profile.updated",
      entityType: "billing_profile",
      entityId: p.profileId,
      details: { companyName: row.companyName, changed },
    });
    return row;
  });
}

/** Moves the default to this profile: the old default is unset first, in the same transaction. */
export async function makeDefaultProfile(db: Database, p: { orgId: string; actorUserId: string; profileId: string }): Promise<void> {
  await db.transaction(async (tx) => {
    await lockProfiles(tx, p.orgId);
    const target = await requireProfile(tx, p.orgId, p.profileId);
    if (target.isDefault) return;
    const previous = await clearDefaultProfile(tx, p.orgId);
    await updateProfileRow(tx, p.orgId, p.profileId, { isDefault: true });
    await writeAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      action: "billing_profile.default_changed",
      entityType: "billing_profile",
      entityId: p.profileId,
      details: { from: previous, to: { id: target.id, companyName: target.companyName } },
    });
  });
}

/** Archived profiles keep their row (invoices refer to them); the default cannot be archived. */
export async function archiveProfile(db: Database, p: { orgId: string; actorUserId: string; profileId: string }): Promise<void> {
  await db.transaction(async (tx) => {
    await lockProfiles(tx, p.orgId);
    const target = await requireProfile(tx, p.orgId, p.profileId);
    if (target.isDefault) throw new AppError("conflict", "profiles.archiveDefault");
    await updateProfileRow(tx, p.orgId, p.profileId, { archivedAt: new Date() });
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
    const row = await updateProfileRow(tx, p.orgId, p.profileId, { seriesName: p.seriesName });
    await writeAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      action: "billing_profile.series_changed",
      entityType: "billing_profile",
      entityId: p.profileId,
      details: { companyName: before.companyName, from: before.seriesName, to: p.seriesName },
    });
    return row;
  });
}

/** The profiles step is done once the organisation has an active profile. */
export async function requireProfiles(db: Executor, orgId: string): Promise<void> {
  if (!(await hasActiveProfile(db, orgId))) throw new AppError("conflict", "profiles.needOne");
}

/** The series step is done once every active profile has a series. */
export async function requireSeriesForAll(db: Executor, orgId: string): Promise<BillingProfile[]> {
  const rows = await listActiveProfiles(db, orgId);
  if (!rows.length) throw new AppError("conflict", "profiles.needOne");
  if (rows.some((r) => !r.seriesName)) throw new AppError("conflict", "profiles.series.needAll");
  return rows;
}

