import { describe, expect, it } from "vitest";
import { computeInvoice, divRound, formatAmount, toBani, type MoneyLine } from "./money";

const product = (price: number, over: Partial<MoneyLine> = {}): MoneyLine => ({
  quantity: 1,
  price,
  isTaxIncluded: false,
  vatPercent: 21,
  isDiscount: false,
  ...over,
});
const discount = (over: Partial<MoneyLine>): MoneyLine => ({ ...product(0), vatPercent: null, isDiscount: true, numberOfItems: 1, ...over });
const totals = (lines: MoneyLine[], vatPayer = true) => {
  const r = computeInvoice(lines, vatPayer);
  if (!r.ok) throw new Error(r.error);
  return r.totals;
};

describe("invoice money in integer bani", () => {
  it("rounds half away from zero", () => {
    expect(divRound(5n, 2n)).toBe(3n);
    expect(divRound(-5n, 2n)).toBe(-3n);
    expect(divRound(4n, 3n)).toBe(1n);
    expect(toBani(0.1 + 0.2)).toBe(30);
    expect(formatAmount(-1234)).toBe("-12.34");
  });

  it("adds VAT to net prices by default and splits gross prices", () => {
    expect(totals([product(100)])).toEqual({ net: 10000, vat: 2100, total: 12100 });
    expect(totals([product(121, { isTaxIncluded: true })])).toEqual({ net: 10000, vat: 2100, total: 12100 });
    // 3 × 0.1 must not drift: 30 bani, VAT 6.3 → 6 bani.
    expect(totals([product(0.1, { quantity: 3 })])).toEqual({ net: 30, vat: 6, total: 36 });
  });

  it("rounds every line on its own", () => {
    // 0.005 net at 21%: each line's VAT rounds up to 1 ban, and the rounded lines are summed.
    expect(totals([product(0.015), product(0.015)])).toEqual({ net: 4, vat: 0, total: 4 });
    expect(totals([product(0.025), product(0.025)])).toEqual({ net: 6, vat: 2, total: 8 });
  });

  it("applies value discounts as SmartBill documents (100 lei, 21%, -10 → 108.90; +10 → 133.10; bad type → 111)", () => {
    expect(totals([product(100), discount({ discountType: 1, discountValue: -10 })]).total).toBe(10890);
    expect(totals([product(100), discount({ discountType: 1, discountValue: 10 })]).total).toBe(13310);
    expect(totals([product(100), discount({ discountType: 3, discountValue: -10 })]).total).toBe(11100);
  });

  it("splits a value discount like its line: VAT-inclusive when the line is, and at 0 % for a non-VAT payer", () => {
    // 1000 gross − 100 gross at 21 %: 826.45 + 173.55 and −82.64 − 17.36, each line rounded on its own.
    const included = { isTaxIncluded: true };
    expect(totals([product(1000, included), discount({ ...included, discountType: 1, discountValue: -100, vatPercent: 21 })])).toEqual({ net: 74381, vat: 15619, total: 90000 });
    expect(totals([product(1000, included), discount({ discountType: 1, discountValue: -100 })], false)).toEqual({ net: 90000, vat: 0, total: 90000 });
  });

  it("applies percentage discounts to the covered lines only, and ignores a discount without numberOfItems", () => {
    const lines = [product(50), product(100), discount({ discountType: 2, discountPercentage: 10, numberOfItems: 1 })];
    expect(totals(lines)).toEqual({ net: 14000, vat: 2940, total: 16940 });
    expect(totals([product(100), discount({ discountPercentage: 10, numberOfItems: null })]).total).toBe(12100);
  });

  it("refuses a discount over mixed rates unless a value discount names its rate", () => {
    const mixed = [product(100), product(100, { vatPercent: 11 })];
    expect(computeInvoice([...mixed, discount({ discountPercentage: 10, numberOfItems: 2 })], true)).toEqual({
      ok: false,
      error: "mixed_vat_discount",
    });
    expect(totals([...mixed, discount({ discountType: 1, discountValue: -10, numberOfItems: 2, vatPercent: 21 })]).total).toBe(
      21990, // 121 + 111 − 12.10
    );
  });

  it("charges no VAT for a non-VAT payer", () => {
    expect(totals([product(100, { isTaxIncluded: true })], false)).toEqual({ net: 10000, vat: 0, total: 10000 });
  });
});
