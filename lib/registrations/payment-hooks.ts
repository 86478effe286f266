import "server-only";
import type { Transaction } from "@/db";
import type { Payment, Registration } from "@/db/schema";
import { createAutomaticRequest, flagVoidedPayment } from "@/lib/invoicing/triggers";

// Where automatic invoicing plugs in. Both run inside the transaction that wrote the payment, after
// the registration's paid amount and status were recomputed, so an invoice request is enqueued if and
// only if the payment commits. Sending happens later (lib/invoicing/issue-invoice.ts, woken by the
// queue after commit; the sweeper catches a lost wake-up).

export interface PaymentEvent {
  orgId: string;
  actorUserId: string | null;
  payment: Payment;
  before: Registration;
  after: Registration;
}

/** Enqueues the invoice for a trigger this payment completed (Down payment paid, Debt cleared). */
export async function enqueueAutomaticInvoices(tx: Transaction, event: PaymentEvent): Promise<void> {
  await createAutomaticRequest(tx, event);
}

/** A voided payment that was invoiced flags its invoice for storno. */
export async function flagInvoicesOfVoidedPayment(tx: Transaction, event: PaymentEvent): Promise<void> {
  await flagVoidedPayment(tx, event);
}
