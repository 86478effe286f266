// A SmartBill failure as the failed-invoices view shows it: a type, what to do (a message key in
// messages/{en,ro}/invoicing.json), whether retrying as it is may work, and the setting to fix.
import type { InvoiceFailureType } from "@/db/schema";
import type { SmartBillErrorCode } from "@/lib/smartbill/errors";

export interface FailureInfo {
  type: InvoiceFailureType;
  /** invoicing.failures.<type>: what happened and what to do. */
  messageKey: string;
  /** Retrying unchanged may work (bulk retry takes only these); the others need a setting fixed first. */
  retryable: boolean;
  /** Where to fix it; the client's page for buyer data. */
  settingsLink: string | null;
}

const TYPE_OF: Record<SmartBillErrorCode, InvoiceFailureType> = {
  credentials: "credentials",
  no_api_access: "credentials",
  company_not_found: "cif",
  series_not_found: "series",
  vat_level_not_found: "vat_level",
  buyer_invalid: "buyer_data",
  package_exhausted: "package_exhausted",
  rate_limited: "rate_limited",
  unavailable: "unavailable",
  ambiguous: "unavailable",
  validation: "unknown",
  not_found: "unknown",
};

const RETRYABLE: Record<InvoiceFailureType, boolean> = {
  credentials: false,
  cif: false,
  series: false,
  vat_level: false,
  buyer_data: false,
  package_exhausted: false,
  rate_limited: true,
  unavailable: true,
  // SmartBill's unexpected texts (200 with errorText among them) are often passing: a retry is safe,
  // since a definite rejection created nothing.
  unknown: true,
};

function linkOf(type: InvoiceFailureType, clientId?: string | null): string | null {
  switch (type) {
    case "credentials":
      return "/setup/credentials";
    case "cif":
      return "/settings/billing";
    case "series":
      return "/setup/series";
    case "vat_level":
      return "/setup/vat";
    case "buyer_data":
      return clientId ? `/clients/${clientId}` : null;
    case "package_exhausted":
      return "/settings/billing";
    default:
      return null;
  }
}

export function failureOfCode(code: SmartBillErrorCode, clientId?: string | null): FailureInfo {
  const type = TYPE_OF[code];
  return { type, messageKey: `invoicing.failures.${type}`, retryable: RETRYABLE[type], settingsLink: linkOf(type, clientId) };
}

export function failureOfType(type: InvoiceFailureType, clientId?: string | null): FailureInfo {
  return { type, messageKey: `invoicing.failures.${type}`, retryable: RETRYABLE[type], settingsLink: linkOf(type, clientId) };
}
