import "server-only";
import { and, desc, eq, isNull } from "drizzle-orm";
import type { Database, Executor } from "@/db";
import { billingSettings, smartbillConnections } from "@/db/schema";
import { writeAudit } from "@/lib/audit";
import { decryptSecret, encryptSecret } from "@/lib/crypto/secret-box";
import { AppError } from "@/lib/errors";
import { isSmartBillError, type SmartBill, type SmartBillCredentials, type SmartBillSeries, type SmartBillTax } from "@/lib/smartbill";
import { smartBillFailureOf } from "./smartbill-errors";

export type Connection = typeof smartbillConnections.$inferSelect;

/** What the admin sees about a connection: never the token, only its last 4 characters. */
export type ConnectionSummary = Omit<Connection, "tokenCiphertext">;

export interface Verified {
  vatPayer: boolean;
  taxes: SmartBillTax[];
  invoiceSeries: SmartBillSeries[];
}

// The plain reason a verification failed, one per case the admin must tell apart.
export type VerifyFailure = "credentials" | "company_not_found" | "no_api_access" | "unreachable" | "rate_limited" | "other";

export function verifyFailureOf(e: unknown): VerifyFailure {
  if (!isSmartBillError(e)) return "other";
  switch (e.code) {
    case "credentials":
    case "company_not_found":
    case "no_api_access":
    case "rate_limited":
      return e.code;
    case "unavailable":
    case "ambiguous":
      return "unreachable";
    default:
      return "other";
  }
}

/** SmartBill refused or could not answer a verification; `failure` says which of the plain cases it is. */
export class VerifyError extends AppError {
  readonly failure: VerifyFailure;

  constructor(e: unknown) {
    const failure = verifyFailureOf(e);
    const field = failure === "credentials" ? "token" : failure === "company_not_found" ? "cif" : undefined;
    const f = smartBillFailureOf(e);
    const message = `setup.credentials.failure.${failure}`;
    super("external", message, field ? { [field]: [message] } : undefined, f.detail, { reason: f.reason, cause: e });
    this.name = "VerifyError";
    this.failure = failure;
  }
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

export function summarise(c: Connection): ConnectionSummary {
  const { tokenCiphertext: _secret, ...rest } = c;
  return rest;
}

/** The decrypted credentials for SmartBill calls. Server memory only. */
export function credentialsOf(c: Connection): SmartBillCredentials {
  return {
    username: c.username,
    token: decryptSecret(c.tokenCiphertext, c.orgId),
    cif: c.cif,
    ...(c.baseUrl ? { baseUrl: c.baseUrl } : {}),
  };
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
    let row: Connection;
    if (current) {
      [row] = (await tx.update(smartbillConnections).set(values).where(eq(smartbillConnections.id, current.id)).returning()) as [Connection];
    } else {
      [row] = (await tx.insert(smartbillConnections).values({ ...values, orgId: p.orgId, createdBy: p.actorUserId }).returning()) as [Connection];
    }
    await tx.insert(billingSettings).values({ orgId: p.orgId }).onConflictDoNothing();
    if (!p.verified.vatPayer) {
      await tx.update(billingSettings).set({ vatMode: "not_payer", updatedAt: now }).where(eq(billingSettings.orgId, p.orgId));
    }
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

/** Health bookkeeping after any SmartBill call made for the organisation. */
export async function recordCallOutcome(db: Executor, connectionId: string, outcome: { ok: true } | { ok: false; error: unknown }) {
  const now = new Date();
  if (outcome.ok) {
    await db.update(smartbillConnections).set({ lastSuccessAt: now }).where(eq(smartbillConnections.id, connectionId));
    return;
  }
  // The reason and SmartBill's own text, never prose: the page renders the reason in the reader's language.
  const f = smartBillFailureOf(outcome.error instanceof AppError && outcome.error.cause ? outcome.error.cause : outcome.error);
  await db
    .update(smartbillConnections)
    .set({ lastErrorAt: now, lastErrorCode: f.variant ?? f.reason, lastErrorOriginal: f.detail ?? null })
    .where(eq(smartbillConnections.id, connectionId));
}

/** Disconnecting keeps the row and all history; the token ciphertext stays but is never used again. */
export async function disconnect(db: Database, p: { orgId: string; actorUserId: string }) {
  await db.transaction(async (tx) => {
    const current = await getActiveConnection(tx, p.orgId);
    if (!current) return;
    await tx.update(smartbillConnections).set({ disconnectedAt: new Date() }).where(eq(smartbillConnections.id, current.id));
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
