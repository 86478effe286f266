import "server-only";
import { and, desc, eq, isNull } from "drizzle-orm";
import type { Executor } from "../client";
import { smartbillConnections } from "../schema";

// An organisation's SmartBill connections. At most one is active (not disconnected) at a time.

export type Connection = typeof smartbillConnections.$inferSelect;
export type NewConnection = Omit<typeof smartbillConnections.$inferInsert, "id" | "orgId">;

const ofOrg = (orgId: string, connectionId: string) => and(eq(smartbillConnections.orgId, orgId), eq(smartbillConnections.id, connectionId));

export async function getActiveConnection(db: Executor, orgId: string): Promise<Connection | null> {
  const [row] = await db
    .select()
    .from(smartbillConnections)
    .where(and(eq(smartbillConnections.orgId, orgId), isNull(smartbillConnections.disconnectedAt)));
  return row ?? null;
}

export async function getLatestConnection(db: Executor, orgId: string): Promise<Connection | null> {
  const [row] = await db
    .select()
    .from(smartbillConnections)
    .where(eq(smartbillConnections.orgId, orgId))
    .orderBy(desc(smartbillConnections.createdAt))
    .limit(1);
  return row ?? null;
}

export async function insertConnection(db: Executor, orgId: string, values: NewConnection): Promise<Connection> {
  const [row] = await db.insert(smartbillConnections).values({ ...values, orgId }).returning();
  return row!;
}

export async function updateConnection(
  db: Executor,
  orgId: string,
  connectionId: string,
  values: Partial<Omit<NewConnection, "createdBy" | "createdAt">>,
): Promise<Connection | null> {
  const [row] = await db.update(smartbillConnections).set(values).where(ofOrg(orgId, connectionId)).returning();
  return row ?? null;
}

/** The last error SmartBill (or the way to it) gave, for the health panel: a reason and SmartBill's own text. */
export async function updateConnectionError(
  db: Executor,
  orgId: string,
  connectionId: string,
  error: { at: Date; code: string; original: string | null },
): Promise<void> {
  await db
    .update(smartbillConnections)
    .set({ lastErrorAt: error.at, lastErrorCode: error.code, lastErrorOriginal: error.original })
    .where(ofOrg(orgId, connectionId));
}
