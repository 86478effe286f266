import "server-only";
import type { Database } from "@/db";
import { countIssuedSince } from "@/db/queries/invoices";
import { getActiveConnection, getLatestConnection, updateConnection } from "@/db/queries/smartbill-connections";
import { writeAudit } from "@/lib/audit";
import { AppError } from "@/lib/errors";
import { getSmartBill } from "@/lib/smartbill/get-smartbill";
import { credentialsOf } from "@/lib/smartbill/school-credentials";
import { verifyCredentials, type Verified } from "./connection";
import { withSmartBill } from "./smartbill-call";

/** Checks the saved credentials with SmartBill again and records the outcome for the health panel. */
export async function reverifyConnection(db: Database, p: { orgId: string; actorUserId: string }): Promise<Verified> {
  const { verified, connectionId } = await withSmartBill(db, p.orgId, async (call) => ({
    verified: await verifyCredentials(call.sb, call.creds),
    connectionId: call.connection.id,
  }));
  await updateConnection(db, p.orgId, connectionId, { lastVerifiedAt: new Date(), vatPayer: verified.vatPayer });
  await writeAudit(db, { orgId: p.orgId, actorUserId: p.actorUserId, action: "smartbill.reverified", entityType: "smartbill_connection", entityId: connectionId });
  return verified;
}

/** Brings back the most recent disconnected connection after SmartBill accepts its credentials again. */
export async function reconnect(db: Database, p: { orgId: string; actorUserId: string }) {
  if (await getActiveConnection(db, p.orgId)) throw new AppError("conflict", "settings.billing.alreadyConnected");
  const last = await getLatestConnection(db, p.orgId);
  if (!last) throw new AppError("conflict", "setup.notConnected");
  const verified = await verifyCredentials(getSmartBill(), credentialsOf(last));
  const now = new Date();
  await db.transaction(async (tx) => {
    await updateConnection(tx, p.orgId, last.id, { disconnectedAt: null, lastVerifiedAt: now, lastSuccessAt: now, vatPayer: verified.vatPayer });
    await writeAudit(tx, { orgId: p.orgId, actorUserId: p.actorUserId, action: "smartbill.reconnected", entityType: "smartbill_connection", entityId: last.id });
  });
}

/**
 * Invoices Bursar issued in SmartBill in the rolling 30-day package window. SmartBill has no API for
 * its quota, so this counts Bursar's own records (documents issued by hand in SmartBill count against
 * the package too and are not seen here).
 */
export async function countIssuedLast30Days(db: Database, orgId: string): Promise<number> {
  return countIssuedSince(db, orgId, new Date(Date.now() - 30 * 24 * 60 * 60 * 1000));
}
