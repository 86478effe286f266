import "server-only";
import type { Executor } from "@/db";
import { AppError } from "@/lib/errors";
import { isSmartBillError, type SmartBill, type SmartBillCredentials } from "@/lib/smartbill";
import { getSmartBill } from "@/lib/smartbill/get-smartbill";
import { getActiveConnection, updateConnection, updateConnectionError, type Connection } from "@/db/queries/smartbill-connections";
import { credentialsOf } from "@/lib/smartbill/school-credentials";
import { smartBillAppError, smartBillFailureOf } from "./smartbill-errors";

// The one path for the setup calls (series, VAT sync, test draft, health): load the organisation's
// connection → call SmartBill → record the outcome on the connection → map the failure. What a failure
// becomes (stored and shown) is decided in recordCallFailure and toCallError only.

/** The plain reason a call failed, one per case the admin must tell apart. */
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

export interface SmartBillCall {
  sb: SmartBill;
  creds: SmartBillCredentials;
  connection: Connection;
}

/** The message key a screen shows for each failure reason. Without it, smartbill.errors.<reason>. */
export type FailureKeys = (reason: VerifyFailure) => string;

/**
 * Runs one SmartBill call (or a short sequence) with the organisation's active connection. Throws
 * AppError("conflict", "setup.notConnected") without one; a failed call is recorded on the connection
 * and thrown as toCallError says (a message key, the reason, SmartBill's own text as the detail).
 */
export async function withSmartBill<T>(
  db: Executor,
  orgId: string,
  run: (call: SmartBillCall) => Promise<T>,
  opts: { sb?: SmartBill; failureKeys?: FailureKeys } = {},
): Promise<T> {
  const connection = await getActiveConnection(db, orgId);
  if (!connection) throw new AppError("conflict", "setup.notConnected");
  let result: T;
  try {
    result = await run({ sb: opts.sb ?? getSmartBill(), creds: credentialsOf(connection), connection });
  } catch (e) {
    await recordCallFailure(db, connection, e);
    throw toCallError(e, opts.failureKeys);
  }
  await updateConnection(db, orgId, connection.id, { lastSuccessAt: new Date() });
  return result;
}

/**
 * What the health panel stores about a failed call: the reason (SmartBill's code or a finer variant, a
 * key under smartbill.errors) and SmartBill's own text, never prose, so the page renders it in the
 * reader's language. A VerifyError is recorded by the SmartBill failure it wraps.
 */
export async function recordCallFailure(db: Executor, connection: Pick<Connection, "id" | "orgId">, e: unknown): Promise<void> {
  const f = smartBillFailureOf(e instanceof AppError && e.cause !== undefined ? e.cause : e);
  await updateConnectionError(db, connection.orgId, connection.id, { at: new Date(), code: f.variant ?? f.reason, original: f.detail ?? null });
}

/**
 * What the caller sees about a failed call: a SmartBill failure becomes smartBillAppError's key (the
 * screen's own via failureKeys, else smartbill.errors.<reason>) with the reason and SmartBill's text;
 * anything else (a VerifyError included) is thrown as it is.
 */
export function toCallError(e: unknown, failureKeys?: FailureKeys): unknown {
  if (!isSmartBillError(e)) return e;
  return smartBillAppError(e, failureKeys ? () => failureKeys(verifyFailureOf(e)) : undefined);
}
