import { describe, expect, it } from "vitest";
import { paymentStatusOf, statusChange } from "./payment-status";

const r = (paidBani: number, downPaymentBani: number | null = null) => ({ priceBani: 100_000, paidBani, downPaymentBani });

describe("paymentStatusOf", () => {
  it.each([
    [r(0), "not_paid"],
    [r(0, 30_000), "not_paid"],
    [r(10_000), "partially_paid"],
    [r(10_000, 30_000), "partially_paid"],
    [r(30_000, 30_000), "down_payment_paid"],
    [r(50_000, 30_000), "down_payment_paid"],
    [r(99_999), "partially_paid"],
    [r(100_000), "paid"],
    [r(100_000, 30_000), "paid"],
    [r(100_001), "overpaid"],
  ] as const)("%o → %s", (reg, status) => {
    expect(paymentStatusOf(reg)).toBe(status);
  });

  it("says what a payment changes", () => {
    expect(statusChange(r(0, 30_000), 30_000)).toEqual({ from: "not_paid", to: "down_payment_paid" });
    expect(statusChange(r(30_000, 30_000), 70_000)).toEqual({ from: "down_payment_paid", to: "paid" });
  });
});
