import "server-only";
import type { Transaction } from "@/db";
import type { Payment, Registration } from "@/db/schema";

// Where automatic invoicing plugs in (issue 10). Both run inside the transaction that wrote the
// payment, after the registration's paid amount and status were recomputed, so an invoice request
// is enqueued if and only if the payment commits. No-ops until invoicing exists.

export interface PaymentEvent {
  orgId: string;
  actorUserId: string | null;
  payment: Payment;
  before: Registration;
  after: Registration;
}

/** Issue 10: enqueue the invoice for a trigger this payment completed (Down payment paid, Debt cleared). */
export async function enqueueAutomaticInvoices(_tx: Transaction, _event: PaymentEvent): Promise<void> {}

/** Issue 10: a voided payment that was invoiced flags its invoice for storno. */
export async function flagInvoicesOfVoidedPayment(_tx: Transaction, _event: PaymentEvent): Promise<void> {}
