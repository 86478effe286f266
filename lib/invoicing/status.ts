// The invoice request state machine. Pure: every status change in lib/invoicing is one of these, and
// the conditional updates (`where status = from`) make each one happen once.
import type { InvoiceRequestStatus } from "@/db/schema";

const ALLOWED: Record<InvoiceRequestStatus, readonly InvoiceRequestStatus[]> = {
  // issuing: claimed for a send; cancelled: a bulk run cancelled before it was sent.
  queued: ["issuing", "cancelled"],
  // Back to queued only when nothing was sent (rate limited / unreachable before sending).
  issuing: ["issued", "failed", "in_doubt", "queued"],
  issued: [],
  // A retry (rebuilt from today's settings) or a cancel from the failed-invoices view.
  failed: ["queued", "cancelled"],
  // Linked to a proved number, proved not created (queued, or failed for a 5xx answer), or a person's call.
  in_doubt: ["issued", "queued", "failed"],
  cancelled: [],
};

export function canTransition(from: InvoiceRequestStatus, to: InvoiceRequestStatus): boolean {
  return ALLOWED[from].includes(to);
}

export function assertTransition(from: InvoiceRequestStatus, to: InvoiceRequestStatus): void {
  if (!canTransition(from, to)) throw new Error(`Invoice request cannot go from ${from} to ${to}`);
}

/** Open requests count against the uninvoiced balance and block a second manual request. */
export const OPEN_STATUSES: readonly InvoiceRequestStatus[] = ["queued", "issuing", "in_doubt"];
/** Requests whose amount is (or may be) invoiced. */
export const COUNTED_STATUSES: readonly InvoiceRequestStatus[] = ["queued", "issuing", "in_doubt", "issued"];
