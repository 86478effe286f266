import { describe, expect, it } from "vitest";
import { computeInvoice } from "@/lib/smartbill-sandbox/money";
import { buyerOf } from "./issuer";
import { leiToBani, lineTotals } from "./totals";

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
