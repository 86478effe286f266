import "server-only";
import type { Database, Executor } from "@/db";
import { ensureBillingSettings, updateBillingSettings } from "@/db/queries/billing-settings";
import { getActiveConnection, insertConnection, updateConnection, type Connection } from "@/db/queries/smartbill-connections";
import { writeAudit } from "@/lib/audit";
import { encryptSecret } from "@/lib/crypto/secret-box";
import { credentialsOf } from "@/lib/smartbill/school-credentials";
import { AppError } from "@/lib/errors";
import { type SmartBill, type SmartBillCredentials, type SmartBillSeries, type SmartBillTax } from "@/lib/smartbill";
import { VerifyError } from "./smartbill-call";

/** What the admin sees about a connection: never the token, only its last 4 characters. */
export type ConnectionSummary = Omit<Connection, "tokenCiphertext">;

export interface Verified {
  vatPayer: boolean;
  taxes: SmartBillTax[];
  invoiceSeries: SmartBillSeries[];
}

/** Calls SmartBill live: GET /tax (also tells a non-VAT payer) and GET /series. Throws VerifyError on failure. */
export async function verifyCredentials(sb: SmartBill, creds: SmartBillCredentials): Promise<Verified> {
  try {
    const taxes = await sb.taxes.list(creds, { maxWaitMs: 10_000 });
    const invoiceSeries = await sb.series.list(creds, { type: "f" }, { maxWaitMs: 10_000 });
    return { vatPayer: taxes.vatPayer, taxes: taxes.taxes, invoiceSeries };
  } catch (e) {
    throw new VerifyError(e);
  }
}

export function summarise(c: Connection): ConnectionSummary {
  const { tokenCiphertext: _secret, ...rest } = c;
  return rest;
}


export async function requireCredentials(db: Executor, orgId: string): Promise<{ connection: Connection; creds: SmartBillCredentials }> {
  const connection = await getActiveConnection(db, orgId);
  if (!connection) throw new AppError("conflict", "setup.notConnected");
  return { connection, creds: credentialsOf(connection) };
}

/** Stores verified credentials (replacing the active connection's, if any) and the VAT mode they imply. */
export async function saveConnection(
  db: Database,
  p: { orgId: string; actorUserId: string; creds: SmartBillCredentials; isSandbox: boolean; verified: Verified },
): Promise<ConnectionSummary> {
  const now = new Date();
  const values = {
    username: p.creds.username,
    tokenCiphertext: encryptSecret(p.creds.token, p.orgId),
    tokenLast4: p.creds.token.slice(-4),
    cif: p.creds.cif,
    baseUrl: p.creds.baseUrl ?? null,
    isSandbox: p.isSandbox,
    vatPayer: p.verified.vatPayer,
    lastVerifiedAt: now,
    lastSuccessAt: now,
  };
  return db.transaction(async (tx) => {
    const current = await getActiveConnection(tx, p.orgId);
    const row = current
      ? (await updateConnection(tx, p.orgId, current.id, values))!
      : await insertConnection(tx, p.orgId, { ...values, createdBy: p.actorUserId });
    await ensureBillingSettings(tx, p.orgId);
    if (!p.verified.vatPayer) await updateBillingSettings(tx, p.orgId, { vatMode: "not_payer", updatedAt: now });
    await writeAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      action: current ? "smartbill.credentials_updated" : "smartbill.connected",
      entityType: "smartbill_connection",
      entityId: row.id,
      details: { username: values.username, cif: values.cif, sandbox: p.isSandbox, vatPayer: p.verified.vatPayer, last4: values.tokenLast4 },
    });
    return summarise(row);
  });
}

/** Disconnecting keeps the row and all history; the token ciphertext stays but is never used again. */
export async function disconnect(db: Database, p: { orgId: string; actorUserId: string }) {
  await db.transaction(async (tx) => {
    const current = await getActiveConnection(tx, p.orgId);
    if (!current) return;
    await updateConnection(tx, p.orgId, current.id, { disconnectedAt: new Date() });
    await writeAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      action: "smartbill.disconnected",
      entityType: "smartbill_connection",
      entityId: current.id,
      details: { username: current.username, cif: current.cif },
    });
  });
}
