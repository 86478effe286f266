import "server-only";
import type { Executor } from "@/db";
import { AppError } from "@/lib/errors";
import { isSmartBillError, type SmartBill, type SmartBillCredentials } from "@/lib/smartbill";
import { getSmartBill } from "@/lib/smartbill/get-smartbill";
import { getActiveConnection, updateConnection, updateConnectionError, type Connection } from "@/db/queries/smartbill-connections";
import { credentialsOf } from "./connection";

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

/** SmartBill refused or could not answer a verification; `reason` says which of the plain cases it is. */
export class VerifyError extends AppError {
  constructor(
    readonly reason: VerifyFailure,
    field: "token" | "cif" | undefined,
    original: string | undefined,
  ) {
    const message = `setup.credentials.failure.${reason}`;
    super("external", message, field ? { [field]: [message] } : undefined, original);
  }
}

export interface SmartBillCall {
  sb: SmartBill;
  creds: SmartBillCredentials;
  connection: Connection;
}

/** The message key a screen shows for each failure reason. Without it, SmartBill's own user message. */
export type FailureKeys = (reason: VerifyFailure) => string;

/**
 * Runs one SmartBill call (or a short sequence) with the organisation's active connection. Throws
 * AppError("conflict", "setup.notConnected") without one; a failed call is recorded on the connection
 * and thrown as an AppError with SmartBill's own text as the detail (other errors are thrown as they are).
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

/** What the health panel stores about a failed call. */
export async function recordCallFailure(db: Executor, connection: Pick<Connection, "id" | "orgId">, e: unknown): Promise<void> {
  const stored =
    e instanceof VerifyError
      ? { code: e.reason, message: e.message, original: e.detail ?? null }
      : isSmartBillError(e)
        ? { code: e.code, message: e.userMessage, original: e.originalText ?? null }
        : { code: "other", message: "Unexpected error", original: null };
  await updateConnectionError(db, connection.orgId, connection.id, { at: new Date(), ...stored });
}

/** What the caller sees about a failed call. */
export function toCallError(e: unknown, failureKeys?: FailureKeys): unknown {
  if (!isSmartBillError(e)) return e;
  return new AppError("external", failureKeys ? failureKeys(verifyFailureOf(e)) : e.userMessage, undefined, e.originalText || undefined);
}
