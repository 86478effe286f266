import { describe, expect, it } from "vitest";
import type { SmartBillProduct } from "@/lib/smartbill";
import { computeInvoice, type MoneyLine } from "@/lib/smartbill-sandbox/money";
import { buyerOf, invoiceLines } from "./issuer";
import { buildInvoiceInput, type Line, type VatMode } from "./payload";
import { baniToDecimal, invoiceTotals, leiToBani, lineTotals } from "./totals";

/** What the sandbox makes of the body we send: each product as invoice-prepare.ts reads it. */
function sandboxTotals(lines: Line[], mode: VatMode, pct: number) {
  const body = buildInvoiceInput({
    profile: { seriesName: "BRS", currency: "RON", invoiceLanguage: "RO", dueDays: 15 },
    buyer: { name: "Ana", country: "Romania" },
    lines,
    vat: mode === "not_payer" ? { mode } : { mode, level: { name: "L", percentage: pct } },
    issueDate: "2026-11-25",
    isDraft: false,
  });
  const money = body.products.map((p: SmartBillProduct): MoneyLine => ({
    quantity: p.isDiscount ? 1 : p.quantity,
    price: p.isDiscount ? 0 : p.price,
    isTaxIncluded: p.isTaxIncluded ?? false,
    vatPercent: p.taxPercentage ?? null,
    isDiscount: p.isDiscount ?? false,
    ...(p.isDiscount ? { numberOfItems: p.numberOfItems, discountType: p.discountType, discountValue: p.discountValue } : {}),
  }));
  const r = computeInvoice(money, mode !== "not_payer");
  if (!r.ok) throw new Error(`sandbox refused: ${r.error}`);
  return { netBani: r.totals.net, vatBani: r.totals.vat, totalBani: r.totals.total };
}

describe("invoice totals as SmartBill computes them", () => {
  it("splits VAT-inclusive prices, adds VAT to net prices, and bills a non-VAT issuer at 0 %", () => {
    expect(lineTotals(12_100, 1, "payer_included", 21)).toEqual({ netBani: 10_000, vatBani: 2_100, totalBani: 12_100 });
    expect(lineTotals(10_000, 1, "payer_added", 21)).toEqual({ netBani: 10_000, vatBani: 2_100, totalBani: 12_100 });
    expect(lineTotals(45_050, 1, "not_payer", 21)).toEqual({ netBani: 45_050, vatBani: 0, totalBani: 45_050 });
    // Half a ban rounds away from zero: 0.05 × 11 % = 0.55 bani → 1.
    expect(lineTotals(5, 1, "payer_added", 11)).toEqual({ netBani: 5, vatBani: 1, totalBani: 6 });
  });
  it("agrees with the sandbox's arithmetic for every amount, rate and mode tried", () => {
    for (const pct of [0, 5, 9, 11, 19, 21]) {
      for (let bani = 1; bani < 100_000; bani += 997) {
        for (const included of [true, false]) {
          const ours = lineTotals(bani, 1, included ? "payer_included" : "payer_added", pct);
          const theirs = computeInvoice([{ quantity: 1, price: bani / 100, isTaxIncluded: included, vatPercent: pct, isDiscount: false }], true);
          if (!theirs.ok) throw new Error("sandbox refused");
          expect([ours.netBani, ours.vatBani, ours.totalBani]).toEqual([theirs.totals.net, theirs.totals.vat, theirs.totals.total]);
        }
      }
    }
  });
  it("rounds like SmartBill at the edges: 3 × 33,33; 100 lei at 19/21/9/5 %; 0,01 lei; 999.999,99 lei", () => {
    expect(lineTotals(3_333, 3, "payer_added", 21)).toEqual({ netBani: 9_999, vatBani: 2_100, totalBani: 12_099 });
    expect(lineTotals(3_333, 3, "payer_included", 21)).toEqual({ netBani: 8_264, vatBani: 1_735, totalBani: 9_999 });
    const included = [19, 21, 9, 5].map((p) => lineTotals(10_000, 1, "payer_included", p));
    expect(included).toEqual([
      { netBani: 8_403, vatBani: 1_597, totalBani: 10_000 },
      { netBani: 8_264, vatBani: 1_736, totalBani: 10_000 },
      { netBani: 9_174, vatBani: 826, totalBani: 10_000 },
      { netBani: 9_524, vatBani: 476, totalBani: 10_000 },
    ]);
    expect([19, 21, 9, 5].map((p) => lineTotals(10_000, 1, "payer_added", p).vatBani)).toEqual([1_900, 2_100, 900, 500]);
    expect(lineTotals(1, 1, "payer_included", 21)).toEqual({ netBani: 1, vatBani: 0, totalBani: 1 });
    expect(lineTotals(1, 1, "payer_added", 21)).toEqual({ netBani: 1, vatBani: 0, totalBani: 1 });
    expect(lineTotals(1, 1, "not_payer", 21)).toEqual({ netBani: 1, vatBani: 0, totalBani: 1 });
    expect(lineTotals(99_999_999, 1, "payer_included", 21)).toEqual({ netBani: 82_644_627, vatBani: 17_355_372, totalBani: 99_999_999 });
    expect(lineTotals(99_999_999, 1, "payer_added", 21)).toEqual({ netBani: 99_999_999, vatBani: 21_000_000, totalBani: 120_999_999 });
    for (const [bani, qty, pct] of [[3_333, 3, 21], [1, 1, 21], [99_999_999, 1, 21], [10_000, 1, 19], [10_000, 1, 9], [10_000, 1, 5]] as const) {
      for (const mode of ["payer_included", "payer_added", "not_payer"] as const) {
        expect(lineTotals(bani, qty, mode, pct)).toEqual(sandboxTotals([{ name: "x", quantity: qty, unitPriceBani: bani }], mode, pct));
      }
    }
  });
  it("a discount is its own line, rounded on its own at the discounted line's VAT", () => {
    const lines = invoiceLines({ courseName: "Balet", participantName: "Ana", termName: "T", termStart: "2026-09-15", termEnd: "2027-01-31", listPriceBani: 100_000, registrationPriceBani: 90_000, amountBani: 90_000 });
    // 1000 − 100 lei, prices include 21 %: 826,45 + 173,55 and −82,64 − 17,36.
    expect(invoiceTotals(lines, "payer_included", 21)).toEqual({
      lines: [
        { netBani: 82_645, vatBani: 17_355, totalBani: 100_000 },
        { netBani: -8_264, vatBani: -1_736, totalBani: -10_000 },
      ],
      totals: { netBani: 74_381, vatBani: 15_619, totalBani: 90_000 },
    });
    expect(invoiceTotals(lines, "payer_added", 21).totals).toEqual({ netBani: 90_000, vatBani: 18_900, totalBani: 108_900 });
    expect(invoiceTotals(lines, "not_payer", 21).totals).toEqual({ netBani: 90_000, vatBani: 0, totalBani: 90_000 });
    // Per line, not on the difference: 5 bani at 11 % has 1 ban of VAT, −2 bani has none, so 3 bani net
    // carry 1 ban of VAT although one line of 3 bani would carry none.
    const tiny: Line[] = [{ name: "x", quantity: 1, unitPriceBani: 5 }, { kind: "discount", name: "Discount", amountBani: 2, covers: 1 }];
    expect(invoiceTotals(tiny, "payer_added", 11).totals).toEqual({ netBani: 3, vatBani: 1, totalBani: 4 });
    expect(lineTotals(3, 1, "payer_added", 11)).toEqual({ netBani: 3, vatBani: 0, totalBani: 3 });
  });
  it("agrees with the sandbox on invoices with a discount line, for every mode, rate and amount tried", () => {
    for (const pct of [0, 5, 9, 11, 19, 21]) {
      for (let list = 7; list < 200_000; list += 7_919) {
        for (const off of [1, 3, 50, 333, Math.floor(list / 2), list - 1].filter((o) => o > 0 && o < list)) {
          const lines: Line[] = [{ name: "x", quantity: 1, unitPriceBani: list }, { kind: "discount", name: "Discount", amountBani: off, covers: 1 }];
          for (const mode of ["payer_included", "payer_added", "not_payer"] as const) {
            expect(invoiceTotals(lines, mode, pct).totals).toEqual(sandboxTotals(lines, mode, pct));
          }
        }
      }
    }
  });
  it("reads SmartBill's lei totals back into bani", () => {
    expect(leiToBani(450.5)).toBe(45_050);
    expect(leiToBani(0.29)).toBe(29);
  });
});

describe("buyer", () => {
  const base = {
    id: "c",
    orgId: "o",
    name: "Ana Pop",
    email: "ana@example.ro",
    phone: null,
    address: "Str. Lalelei 1",
    city: "Sector 3",
    county: "București",
    country: "Romania",
    companyName: null,
    cif: null,
    regCom: null,
    vatPayer: false,
    searchText: "",
    createdAt: new Date(),
    updatedAt: new Date(),
  };
  it("bills a person by name with the 13-zero CNP SmartBill expects", () => {
    expect(buyerOf({ ...base, buyerType: "person" })).toMatchObject({ name: "Ana Pop", vatCode: "0000000000000", isTaxPayer: false, regCom: null });
  });
  it("bills a company by its legal name, CIF, trade register number and VAT status", () => {
    expect(buyerOf({ ...base, buyerType: "company", companyName: "Firma SRL", cif: "RO123", regCom: "J40/1/2020", vatPayer: true })).toMatchObject({
      name: "Firma SRL",
      vatCode: "RO123",
      isTaxPayer: true,
      regCom: "J40/1/2020",
    });
  });
});

describe("baniToDecimal", () => {
  it("converts integer bani to SmartBill's decimal and refuses anything else", () => {
    expect(baniToDecimal(123_456)).toBe(1234.56);
    expect(baniToDecimal(5)).toBe(0.05);
    expect(() => baniToDecimal(1.5)).toThrow();
    expect(() => baniToDecimal(Number.MAX_SAFE_INTEGER + 1)).toThrow();
  });
});
