// Invoice request values shared by client components and the server, without drizzle.
// db/schema/invoices.ts holds the same ones for SQL; constants.test.ts keeps them equal.

export const INVOICE_REQUEST_STATUSES = ["queued", "issuing", "issued", "failed", "in_doubt", "cancelled"] as const;
export type InvoiceRequestStatus = (typeof INVOICE_REQUEST_STATUSES)[number];

/** Open requests count against the uninvoiced balance and block a second manual request. */
export const OPEN_STATUSES: readonly InvoiceRequestStatus[] = ["queued", "issuing", "in_doubt"];
/** Requests whose amount is (or may be) invoiced. */
export const COUNTED_STATUSES: readonly InvoiceRequestStatus[] = ["queued", "issuing", "in_doubt", "issued"];
