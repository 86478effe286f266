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
  /** Overrides the default text for the code. */
  userMessage?: string;
  httpStatus?: number;
  retryable?: boolean;
  field?: string;
  until?: Date;
  /** e.g. "invoices.create": which call failed, for logs and support. */
  operation?: string;
  /** Low-level network code (ECONNRESET, ETIMEDOUT…), never a message that could carry data. */
  networkCode?: string;
}

function hhmm(d: Date): string {
  return d.toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit", timeZone: "Europe/Bucharest" });
}

// Plain English for a school administrator: what happened and what to do next.
export function defaultUserMessage(code: SmartBillErrorCode, until?: Date): string {
  switch (code) {
    case "credentials":
      return "SmartBill did not accept the login e-mail or API token. In SmartBill open Contul meu > Integrari > API, copy the token again and update the SmartBill connection in Bursar.";
    case "company_not_found":
      return "SmartBill does not know this company under the connected login. Check that the CIF in Bursar's SmartBill settings is exactly the one shown in SmartBill Cloud, and that this user has access to that company.";
    case "no_api_access":
      return "Your SmartBill subscription does not include API access. It is available on the Facturare Platinum, Gestiune Plus and eCommerce plans: upgrade the plan in SmartBill, then try again.";
    case "series_not_found":
      return "The document series chosen in Bursar does not exist in SmartBill. Create it in SmartBill (Configurare > Serii documente) or pick an existing series in Bursar's settings.";
    case "vat_level_not_found":
      return "A VAT rate on this document is not set up in SmartBill. Add the rate in SmartBill (Configurare > Cote TVA) or change the VAT rate in Bursar, then issue again.";
    case "buyer_invalid":
      return "SmartBill rejected the customer details (name, country or tax code). Correct the payer's details in Bursar and try again.";
    case "package_exhausted":
      return "Your SmartBill plan has reached its document limit for the current 30-day period. Upgrade the plan in SmartBill or wait for the period to renew, then issue again.";
    case "validation":
      return "SmartBill rejected the data that was sent. Check the document's details and try again; if it keeps happening, contact support with the error details.";
    case "not_found":
      return "SmartBill could not find this document. It may have been deleted or renumbered in SmartBill; check it there.";
    case "rate_limited":
      return until
        ? `SmartBill is limiting how often Bursar may call it. Nothing was sent; try again after ${hhmm(until)}.`
        : "SmartBill is limiting how often Bursar may call it. Nothing was sent; try again in a few minutes.";
    case "unavailable":
      return "SmartBill could not be reached, so nothing was changed there. Try again in a few minutes.";
    case "ambiguous":
      return "SmartBill did not confirm whether this went through. Do not send it again yet: check the document in SmartBill (or let Bursar reconcile it) first.";
  }
}

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
export class SmartBillError extends Error {
  readonly code: SmartBillErrorCode;
  readonly originalText: string;
  readonly userMessage: string;
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
    this.userMessage = init.userMessage ?? defaultUserMessage(init.code, init.until);
    this.httpStatus = init.httpStatus;
    this.retryable = init.retryable ?? DEFAULT_RETRYABLE[init.code];
    this.field = init.field;
    this.until = init.until;
    this.operation = init.operation;
    this.networkCode = init.networkCode;
  }

  toJSON() {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      originalText: this.originalText,
      userMessage: this.userMessage,
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
  return e instanceof SmartBillError;
}
