import "server-only";
import { and, asc, desc, eq, inArray, isNull, ne, sql } from "drizzle-orm";
import type { Executor } from "../client";
import { vatLevels, vatSyncs } from "../schema";

// SmartBill's VAT levels as last synchronised, and the record of each Synchronize.

export interface VatLevelRow {
  name: string;
  percentage: string;
}
export type VatSyncRow = typeof vatSyncs.$inferSelect;

export async function listActiveVatLevels(db: Executor, orgId: string): Promise<VatLevelRow[]> {
  return db
    .select({ name: vatLevels.name, percentage: vatLevels.percentage })
    .from(vatLevels)
    .where(and(eq(vatLevels.orgId, orgId), isNull(vatLevels.removedAt)))
    .orderBy(desc(vatLevels.percentage), asc(vatLevels.name));
}

export async function getActiveVatLevel(db: Executor, orgId: string, name: string): Promise<VatLevelRow | null> {
  const [row] = await db
    .select({ name: vatLevels.name, percentage: vatLevels.percentage })
    .from(vatLevels)
    .where(and(eq(vatLevels.orgId, orgId), eq(vatLevels.name, name), isNull(vatLevels.removedAt)));
  return row ?? null;
}

/** Inserts the levels SmartBill lists now; known ones get the current percentage and come back if removed. */
export async function upsertVatLevels(db: Executor, orgId: string, levels: VatLevelRow[], now: Date): Promise<void> {
  if (!levels.length) return;
  await db
    .insert(vatLevels)
    .values(levels.map((l) => ({ orgId, name: l.name, percentage: l.percentage, firstSeenAt: now, lastSeenAt: now })))
    .onConflictDoUpdate({
      target: [vatLevels.orgId, vatLevels.name],
      set: { percentage: sql`excluded.percentage`, lastSeenAt: now, removedAt: null },
    });
}

export async function markVatLevelsRemoved(db: Executor, orgId: string, names: string[], now: Date): Promise<void> {
  if (!names.length) return;
  await db.update(vatLevels).set({ removedAt: now }).where(and(eq(vatLevels.orgId, orgId), inArray(vatLevels.name, names)));
}

/** The latest Synchronize, and whether there was one before it. */
export async function getLastVatSync(db: Executor, orgId: string): Promise<{ last: VatSyncRow; isFirst: boolean } | null> {
  const rows = await db.select().from(vatSyncs).where(eq(vatSyncs.orgId, orgId)).orderBy(desc(vatSyncs.createdAt)).limit(2);
  return rows[0] ? { last: rows[0], isFirst: rows.length === 1 } : null;
}

export async function insertVatSync(db: Executor, orgId: string, values: Omit<typeof vatSyncs.$inferInsert, "id" | "orgId">): Promise<VatSyncRow> {
  const [row] = await db.insert(vatSyncs).values({ ...values, orgId }).returning();
  return row!;
}

export async function hasVatSyncOtherThan(db: Executor, orgId: string, syncId: string): Promise<boolean> {
  const [row] = await db.select({ id: vatSyncs.id }).from(vatSyncs).where(and(eq(vatSyncs.orgId, orgId), ne(vatSyncs.id, syncId))).limit(1);
  return !!row;
}
