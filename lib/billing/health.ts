import "server-only";
import { and, eq } from "drizzle-orm";
import type { Database } from "@/db";
import { smartbillConnections } from "@/db/schema";
import { writeAudit } from "@/lib/audit";
import { AppError } from "@/lib/errors";
import { credentialsOf, getActiveConnection, getLatestConnection, recordCallOutcome, verifyCredentials, type Verified } from "./connection";
import { smartbill } from "./smartbill";

/** Checks the saved credentials with SmartBill again and records the outcome for the health panel. */
export async function reverifyConnection(db: Database, p: { orgId: string; actorUserId: string }): Promise<Verified> {
  const c = await getActiveConnection(db, p.orgId);
  if (!c) throw new AppError("conflict", "setup.notConnected");
  try {
    const verified = await verifyCredentials(smartbill(), credentialsOf(c));
    const now = new Date();
    await db
      .update(smartbillConnections)
      .set({ lastVerifiedAt: now, lastSuccessAt: now, vatPayer: verified.vatPayer })
      .where(eq(smartbillConnections.id, c.id));
    await writeAudit(db, { orgId: p.orgId, actorUserId: p.actorUserId, action: "smartbill.reverified", entityType: "smartbill_connection", entityId: c.id });
    return verified;
  } catch (e) {
    await recordCallOutcome(db, c.id, { ok: false, error: e });
    throw e;
  }
}

/** Brings back the most recent disconnected connection after SmartBill accepts its credentials again. */
export async function reconnect(db: Database, p: { orgId: string; actorUserId: string }) {
  if (await getActiveConnection(db, p.orgId)) throw new AppError("conflict", "settings.billing.alreadyConnected");
  const last = await getLatestConnection(db, p.orgId);
  if (!last) throw new AppError("conflict", "setup.notConnected");
  const verified = await verifyCredentials(smartbill(), credentialsOf(last));
  const now = new Date();
  await db.transaction(async (tx) => {
    await tx
      .update(smartbillConnections)
      .set({ disconnectedAt: null, lastVerifiedAt: now, lastSuccessAt: now, vatPayer: verified.vatPayer })
      .where(and(eq(smartbillConnections.id, last.id), eq(smartbillConnections.orgId, p.orgId)));
    await writeAudit(tx, { orgId: p.orgId, actorUserId: p.actorUserId, action: "smartbill.reconnected", entityType: "smartbill_connection", entityId: last.id });
  });
}

/**
 * Invoices Bursar issued in SmartBill in the rolling 30-day package window. SmartBill has no API for
 * its quota, so this counts Bursar's own records (documents issued by hand in SmartBill count against
 * the package too and are not seen here). Invoicing is not built yet, so Bursar has issued none.
 */
export async function countIssuedLast30Days(_db: Database, _orgId: string): Promise<number> {
  return 0;
}
