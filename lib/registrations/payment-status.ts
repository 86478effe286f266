// The derived payment status of a registration. Pure. The database keeps the same rule as a generated
// column (registrations.payment_status) so the table filters and sorts by it at 100,000 rows;
// payment-status.test.ts holds the two together.
import type { PaymentStatus } from "./constants";

export function paymentStatusOf(r: { priceBani: number; paidBani: number; downPaymentBani: number | null }): PaymentStatus {
  if (r.paidBani <= 0) return "not_paid";
  if (r.paidBani > r.priceBani) return "overpaid";
  if (r.paidBani === r.priceBani) return "paid";
  // Between the down payment and the full price the down payment is what matters (it is what the
  // "Down payment paid" invoicing trigger reacts to); below it, or without one, it is a partial payment.
  if (r.downPaymentBani !== null && r.paidBani >= r.downPaymentBani) return "down_payment_paid";
  return "partially_paid";
}

/** What a payment of `amountBani` would change: the status before and after. */
export function statusChange(
  r: { priceBani: number; paidBani: number; downPaymentBani: number | null },
  amountBani: number,
): { from: PaymentStatus; to: PaymentStatus } {
  return { from: paymentStatusOf(r), to: paymentStatusOf({ ...r, paidBani: r.paidBani + amountBani }) };
}
