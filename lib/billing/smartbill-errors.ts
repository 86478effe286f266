import "server-only";
import { AppError } from "@/lib/errors";
import { isSmartBillError, type SmartBillErrorCode, type SmartBillErrorVariant } from "@/lib/smartbill";

// The one mapping from a SmartBill failure to Bursar's error vocabulary: `reason` is SmartBill's error
// code (or "other" for anything that is not a SmartBillError), `detail` SmartBill's own text, and the
// message is a key under `smartbill.errors.` (messages/{en,ro}/smartbill.json), so it follows the
// reader's language. Stored failures (smartbill_connections.last_error_code) use the same reasons.

export type SmartBillReason = SmartBillErrorCode | "other";

export interface SmartBillFailure {
  reason: SmartBillReason;
  variant?: SmartBillErrorVariant;
  /** SmartBill's original text (already cut and scrubbed of the token by the client). */
  detail?: string;
}

export function smartBillFailureOf(e: unknown): SmartBillFailure {
  if (!isSmartBillError(e)) return { reason: "other" };
  return { reason: e.code, ...(e.variant ? { variant: e.variant } : {}), ...(e.originalText ? { detail: e.originalText } : {}) };
}

/** The message key for a SmartBill failure, or for a stored reason (unknown reasons read as "other"). */
export function smartBillErrorKey(f: { reason: string | null | undefined; variant?: string | null | undefined }): string {
  return `smartbill.errors.${f.variant ?? f.reason ?? "other"}`;
}

/**
 * The AppError an action returns for a failed SmartBill call. `key` picks a message worded for the step
 * the admin is on (e.g. the VAT sync); by default the generic `smartbill.errors.<reason>`.
 */
export function smartBillAppError(e: unknown, key?: (f: SmartBillFailure) => string, field?: string): AppError {
  const f = smartBillFailureOf(e);
  const message = key ? key(f) : smartBillErrorKey(f);
  return new AppError("external", message, field ? { [field]: [message] } : undefined, f.detail, { reason: f.reason, cause: e });
}
