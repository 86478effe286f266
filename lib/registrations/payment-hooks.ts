import type { Transaction } from "@/db";
import type { Payment, Registration } from "@/db/schema";

// Where automatic invoicing plugs in: the port a payment write fires, inside the transaction that wrote
// the payment, after the registration's paid amount and status were recomputed, so an invoice request
// exists if and only if the payment commits. lib/invoicing implements it (invoicingTriggers); every way a
// payment is written takes it as a required argument, so none can skip it, and lib/registrations never
// imports lib/invoicing (the lower module owns the contract; a lint rule keeps the cut).

export interface PaymentEvent {
  orgId: string;
  actorUserId: string | null;
  payment: Payment;
  before: Registration;
  after: Registration;
}

export interface PaymentTriggers {
  /** A payment was recorded: enqueue the invoice for a trigger it completed (Down payment paid, Debt cleared). */
  paymentRecorded(tx: Transaction, event: PaymentEvent): Promise<void>;
  /** A payment was voided: cancel its automatic request not yet sent, flag an invoiced one for storno. */
  paymentVoided(tx: Transaction, event: PaymentEvent): Promise<void>;
}
