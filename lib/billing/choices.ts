// The closed lists the wizard's forms offer, in their own module so client code can render them
// without loading zod with lib/billing/schemas (which validates against the same lists).
export const CURRENCIES = ["RON", "EUR", "USD", "GBP", "CHF", "HUF", "MDL"] as const;
export const INVOICE_LANGUAGES = ["RO", "EN", "DE", "FR", "IT", "ES"] as const;

/** The fields a billing profile form edits, in display order (also what the audit compares). */
export const PROFILE_FIELDS = [
  "companyName",
  "cif",
  "regCom",
  "address",
  "city",
  "county",
  "country",
  "email",
  "phone",
  "iban",
  "bank",
  "vatPayer",
  "currency",
  "invoiceLanguage",
  "dueDays",
] as const;

export const VAT_MODES = ["payer_included", "payer_added", "not_payer"] as const;
