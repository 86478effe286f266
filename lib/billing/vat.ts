import "server-only";
import type { Executor } from "@/db";
import { getBillingSettings, lockBillingSettings, updateBillingSettings } from "@/db/queries/billing-settings";
import { getActiveProfile, listActiveProfiles, updateProfile, type BillingProfile } from "@/db/queries/billing-profiles";
import { getActiveConnection, updateConnection } from "@/db/queries/smartbill-connections";
import {
  getActiveVatLevel,
  getLastVatSync as getLastVatSyncRow,
  hasVatSyncOtherThan,
  insertVatSync,
  listActiveVatLevels,
  markVatLevelsRemoved,
  upsertVatLevels,
} from "@/db/queries/vat-levels";
import type { VatChange } from "@/db/schema";
import { writeAudit } from "@/lib/audit";
import { AppError } from "@/lib/errors";
import type { SmartBill } from "@/lib/smartbill";
import type { VAT_MODES } from "./schemas";
import { withSmartBill, type VerifyFailure } from "./smartbill-call";
import { diffVatLevels, formatPercentage } from "./vat-diff";

export { listActiveVatLevels };

// VAT levels (PRODUCT.md §2.5): the VAT mode, Synchronize with SmartBill's GET /tax, and each billing
// profile's default level. Every query is scoped by the organisation first.

export type VatMode = (typeof VAT_MODES)[number];
export const isPayerMode = (mode: VatMode) => mode !== "not_payer";

export interface VatSync {
  at: Date;
  vatPayer: boolean;
  added: VatChange[];
  removed: VatChange[];
  changed: VatChange[];
  /** The organisation's first Synchronize: everything in it is "added". */
  isFirst: boolean;
}

export type ProfileVatIssue = "missing" | "removed" | "changed";

export interface ProfileVat {
  id: string;
  companyName: string;
  cif: string;
  isDefault: boolean;
  vatPayer: boolean;
  defaultVatName: string | null;
  defaultVatPercentage: string | null;
  /** Why the default level cannot be used as it is; null when it is fine (or the profile charges no VAT). */
  issue: ProfileVatIssue | null;
  /** For "changed": the level's percentage in SmartBill now. */
  currentPercentage: string | null;
}

export async function getLastVatSync(db: Executor, orgId: string): Promise<VatSync | null> {
  const found = await getLastVatSyncRow(db, orgId);
  if (!found) return null;
  const { last, isFirst } = found;
  return { at: last.createdAt, vatPayer: last.vatPayer, added: last.added, removed: last.removed, changed: last.changed, isFirst };
}

function issueOf(p: BillingProfile, active: Map<string, string>): Pick<ProfileVat, "issue" | "currentPercentage"> {
  if (!p.vatPayer) return { issue: null, currentPercentage: null };
  if (!p.defaultVatName) return { issue: "missing", currentPercentage: null };
  const now = active.get(p.defaultVatName);
  if (now === undefined) return { issue: "removed", currentPercentage: null };
  const saved = p.defaultVatPercentage === null ? null : formatPercentage(p.defaultVatPercentage);
  return saved === now ? { issue: null, currentPercentage: null } : { issue: "changed", currentPercentage: now };
}

/** Active (non-archived) billing profiles with their default VAT level checked against the synced levels. */
export async function listProfileVat(db: Executor, orgId: string): Promise<ProfileVat[]> {
  const [profiles, levels] = await Promise.all([
    listActiveProfiles(db, orgId, { by: "name" }),
    listActiveVatLevels(db, orgId),
  ]);
  const active = new Map(levels.map((l) => [l.name, formatPercentage(l.percentage)]));
  return profiles.map((p) => ({
    id: p.id,
    companyName: p.companyName,
    cif: p.cif,
    isDefault: p.isDefault,
    vatPayer: p.vatPayer,
    defaultVatName: p.defaultVatName,
    defaultVatPercentage: p.defaultVatPercentage,
    ...issueOf(p, active),
  }));
}

/**
 * Profiles that cannot issue with VAT as configured: no default level, or their default level was removed
 * in SmartBill or changed its percentage there. Empty in not-VAT-payer mode (no levels are used).
 */
export async function listProfilesWithVatIssues(db: Executor, orgId: string): Promise<(ProfileVat & { issue: ProfileVatIssue })[]> {
  const settings = await getBillingSettings(db, orgId);
  if (!isPayerMode(settings.vatMode)) return [];
  return (await listProfileVat(db, orgId)).filter((p): p is ProfileVat & { issue: ProfileVatIssue } => p.issue !== null);
}

/** Everything the VAT step shows. */
export async function getVatOverview(db: Executor, orgId: string) {
  const [settings, connection, levels, lastSync, profiles] = await Promise.all([
    getBillingSettings(db, orgId),
    getActiveConnection(db, orgId),
    listActiveVatLevels(db, orgId),
    getLastVatSync(db, orgId),
    listProfileVat(db, orgId),
  ]);
  return {
    mode: settings.vatMode,
    syncedAt: settings.vatSyncedAt,
    connected: !!connection,
    /** What SmartBill last said about the company (null: not connected). */
    companyVatPayer: connection ? connection.vatPayer : null,
    levels,
    lastSync,
    profiles,
  };
}
export type VatOverview = Awaited<ReturnType<typeof getVatOverview>>;

const SYNC_FAILURE: Record<VerifyFailure, string> = {
  credentials: "vat.syncFailure.credentials",
  company_not_found: "vat.syncFailure.companyNotFound",
  no_api_access: "vat.syncFailure.noApiAccess",
  unreachable: "vat.syncFailure.unreachable",
  rate_limited: "vat.syncFailure.rateLimited",
  other: "vat.syncFailure.other",
};

/**
 * Synchronize: reads SmartBill's VAT levels and records what changed since the previous sync. Levels
 * that vanished keep their row with removedAt (profiles may still point at them); returning ones are
 * revived. SmartBill failures become an AppError with SmartBill's own text as the detail.
 */
export async function syncVatLevels(db: Executor, p: { orgId: string; actorUserId: string | null }, sb?: SmartBill): Promise<VatSync> {
  const { list, connection } = await withSmartBill(
    db,
    p.orgId,
    async (call) => ({ list: await call.sb.taxes.list(call.creds, { maxWaitMs: 10_000 }), connection: call.connection }),
    { sb, failureKeys: (reason) => SYNC_FAILURE[reason] },
  );

  const current = new Map<string, string>();
  for (const t of list.taxes) if (!current.has(t.name)) current.set(t.name, formatPercentage(t.percentage));

  return db.transaction(async (tx) => {
    // One Synchronize at a time per organisation, so two clicks cannot both report the same change.
    await lockBillingSettings(tx, p.orgId);
    const previous = await listActiveVatLevels(tx, p.orgId);
    const diff = diffVatLevels(previous, [...current].map(([name, percentage]) => ({ name, percentage })));
    const now = new Date();
    await upsertVatLevels(tx, p.orgId, [...current].map(([name, percentage]) => ({ name, percentage })), now);
    await markVatLevelsRemoved(tx, p.orgId, diff.removed.map((l) => l.name), now);
    const changes = { added: diff.added, removed: diff.removed, changed: diff.changed };
    const row = await insertVatSync(tx, p.orgId, { actorUserId: p.actorUserId, vatPayer: list.vatPayer, ...changes, createdAt: now });
    await updateBillingSettings(tx, p.orgId, { vatSyncedAt: now, updatedAt: now });
    if (connection.vatPayer !== list.vatPayer) await updateConnection(tx, p.orgId, connection.id, { vatPayer: list.vatPayer });
    await writeAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      action: "vat.synced",
      entityType: "vat_sync",
      entityId: row.id,
      details: { vatPayer: list.vatPayer, levels: current.size, ...changes },
    });
    return { at: now, vatPayer: list.vatPayer, ...changes, isFirst: !(await hasVatSyncOtherThan(tx, p.orgId, row.id)) };
  });
}

export async function saveVatMode(db: Executor, p: { orgId: string; actorUserId: string; mode: VatMode }): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await lockBillingSettings(tx, p.orgId);
    if (before.vatMode === p.mode) return;
    await updateBillingSettings(tx, p.orgId, { vatMode: p.mode, updatedAt: new Date() });
    await writeAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      action: "vat.mode_changed",
      entityType: "billing_settings",
      entityId: p.orgId,
      details: { from: before.vatMode, to: p.mode },
    });
  });
}

/** Sets a profile's default VAT level to one of the synced, active levels (name + its current percentage). */
export async function setDefaultVat(
  db: Executor,
  p: { orgId: string; actorUserId: string; profileId: string; vatName: string; field?: string },
): Promise<void> {
  await db.transaction(async (tx) => {
    const profile = await getActiveProfile(tx, p.orgId, p.profileId);
    if (!profile) throw new AppError("not_found", "vat.defaults.profileGone");
    const level = await getActiveVatLevel(tx, p.orgId, p.vatName);
    if (!level) throw new AppError("validation", "vat.defaults.levelGone", { [p.field ?? "vatName"]: ["vat.defaults.levelGone"] });
    const unchanged =
      profile.defaultVatName === level.name &&
      profile.defaultVatPercentage !== null &&
      formatPercentage(profile.defaultVatPercentage) === formatPercentage(level.percentage);
    if (unchanged) return;
    await updateProfile(tx, p.orgId, profile.id, { defaultVatName: level.name, defaultVatPercentage: level.percentage });
    await writeAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      action: "vat.default_changed",
      entityType: "billing_profile",
      entityId: profile.id,
      details: {
        profile: profile.companyName,
        from: profile.defaultVatName ? { name: profile.defaultVatName, percentage: profile.defaultVatPercentage } : null,
        to: { name: level.name, percentage: level.percentage },
      },
    });
  });
}

/**
 * Saves the step's choices together: the mode, and (in a VAT-payer mode) each profile's default level.
 * With `requireReady`, the step must also be complete, or nothing is saved.
 */
export async function saveVatChoices(
  db: Executor,
  p: { orgId: string; actorUserId: string; mode: VatMode; defaults: { profileId: string; vatName: string }[]; requireReady: boolean },
): Promise<void> {
  await db.transaction(async (tx) => {
    await saveVatMode(tx, { orgId: p.orgId, actorUserId: p.actorUserId, mode: p.mode });
    if (isPayerMode(p.mode)) {
      for (const [i, d] of p.defaults.entries()) {
        await setDefaultVat(tx, { orgId: p.orgId, actorUserId: p.actorUserId, ...d, field: `defaults.${i}.vatName` });
      }
    }
    if (p.requireReady) await assertVatReady(tx, p.orgId);
  });
}

/** What "Save and continue" needs: in a VAT-payer mode, synced levels and a usable default for every profile. */
export async function assertVatReady(db: Executor, orgId: string): Promise<void> {
  const settings = await getBillingSettings(db, orgId);
  if (!isPayerMode(settings.vatMode)) return;
  if (!settings.vatSyncedAt) throw new AppError("conflict", "vat.continue.notSynced");
  if ((await listActiveVatLevels(db, orgId)).length === 0) throw new AppError("conflict", "vat.continue.noLevels");
  if ((await listProfilesWithVatIssues(db, orgId)).length > 0) throw new AppError("conflict", "vat.continue.defaultsMissing");
}
