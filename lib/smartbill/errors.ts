import "server-only";
import { inspect } from "node:util";

export const SMARTBILL_ERROR_CODES = [
  "credentials",
  "company_not_found",
  "no_api_access",
  "series_not_found",
  "vat_level_not_found",
  "buyer_invalid",
  "package_exhausted",
  "validation",
  "not_found",
  "rate_limited",
  "unavailable",
  "ambiguous",
] as const;
export type SmartBillErrorCode = (typeof SMARTBILL_ERROR_CODES)[number];

export interface SmartBillErrorInit {
  code: SmartBillErrorCode;
  /** SmartBill's own text, already cut at the first `<` and redacted. */
  originalText?: string;
  variant?: SmartBillErrorVariant;
  httpStatus?: number;
  retryable?: boolean;
  field?: string;
  until?: Date;
  /** e.g. "invoices.create": which call failed, for logs and support. */
  operation?: string;
  /** Low-level network code (ECONNRESET, ETIMEDOUT…), never a message that could carry data. */
  networkCode?: string;
}

/**
 * A finer protocol fact than the code, for the few SmartBill answers that need a different next step
 * (the text shown for each lives in messages/<locale>/smartbill.json, never here).
 */
export const SMARTBILL_ERROR_VARIANTS = [
  "user_not_allowed",
  "not_last_in_series",
  "mail_server_missing",
  "bad_settings",
  "input_invalid",
] as const;
export type SmartBillErrorVariant = (typeof SMARTBILL_ERROR_VARIANTS)[number];

const DEFAULT_RETRYABLE: Record<SmartBillErrorCode, boolean> = {
  credentials: false,
  company_not_found: false,
  no_api_access: false,
  series_not_found: false,
  vat_level_not_found: false,
  buyer_invalid: false,
  package_exhausted: false,
  validation: false,
  not_found: false,
  rate_limited: true,
  unavailable: true,
  // Retrying blindly could issue a second invoice: reconcile first.
  ambiguous: false,
};

/**
 * Every failure of the SmartBill client. It never holds the API token: only SmartBill's text (cut at
 * the first `<` and scrubbed of the token by the transport), our own text and a few plain fields.
 */
// Next.js builds the pages and the instrumentation (where the job workers run) as separate bundles, each
// with its own copy of this class, while the process shares one client (get-smartbill.ts): an error made
// by one copy fails `instanceof` in the other. isSmartBillError checks this brand instead.
const BRAND = Symbol.for("bursar.SmartBillError");

export class SmartBillError extends Error {
  readonly code: SmartBillErrorCode;
  readonly originalText: string;
  readonly variant: SmartBillErrorVariant | undefined;
  readonly httpStatus: number | undefined;
  readonly retryable: boolean;
  readonly field: string | undefined;
  readonly until: Date | undefined;
  readonly operation: string | undefined;
  readonly networkCode: string | undefined;

  constructor(init: SmartBillErrorInit) {
    const text = init.originalText ?? "";
    const where = init.operation ? ` in ${init.operation}` : "";
    const status = init.httpStatus ? ` (HTTP ${init.httpStatus})` : "";
    super(`SmartBill ${init.code}${where}${status}${text ? `: ${text}` : init.networkCode ? `: ${init.networkCode}` : ""}`);
    this.name = "SmartBillError";
    this.code = init.code;
    this.originalText = text;
    this.variant = init.variant;
    this.httpStatus = init.httpStatus;
    this.retryable = init.retryable ?? DEFAULT_RETRYABLE[init.code];
    this.field = init.field;
    this.until = init.until;
    this.operation = init.operation;
    this.networkCode = init.networkCode;
    Object.defineProperty(this, BRAND, { value: true });
  }

  toJSON() {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      originalText: this.originalText,
      variant: this.variant,
      httpStatus: this.httpStatus,
      retryable: this.retryable,
      field: this.field,
      until: this.until?.toISOString(),
      operation: this.operation,
      networkCode: this.networkCode,
    };
  }

  // A fixed, known-safe shape: never whatever happens to be attached to the instance.
  [inspect.custom]() {
    return `SmartBillError ${inspect(this.toJSON(), { depth: 1, breakLength: Infinity })}`;
  }
}

export function isSmartBillError(e: unknown): e is SmartBillError {
  return e instanceof SmartBillError || (typeof e === "object" && e !== null && (e as Record<symbol, unknown>)[BRAND] === true);
}
