import { describe, expect, it } from "vitest";
import { addDays, buildInvoiceInput } from "./payload";

const profile = { seriesName: "BRS", currency: "RON", invoiceLanguage: "RO", dueDays: 15 };
const buyer = { name: "Ion Popescu", country: "Romania", vatCode: "0000000000000", city: "Sector 1", county: "Bucuresti", email: null };

describe("invoice payload", () => {
  it("sends VAT-inclusive prices with the SmartBill level for 'prices include VAT'", () => {
    const body = buildInvoiceInput({
      profile,
      buyer,
      lines: [{ name: "Balet — Ana (sept.)", quantity: 1, unitPriceBani: 45050 }],
      vat: { mode: "payer_included", level: { name: "Normala", percentage: 21 } },
      issueDate: "2026-11-25",
      isDraft: false,
    });
    expect(body).toEqual({
      seriesName: "BRS",
      client: { name: "Ion Popescu", country: "Romania", vatCode: "0000000000000", isTaxPayer: false, city: "Sector 1", county: "Bucuresti", saveToDb: false },
      products: [
        {
          name: "Balet — Ana (sept.)",
          measuringUnitName: "buc",
          currency: "RON",
          quantity: 1,
          price: 450.5,
          isService: true,
          saveToDb: false,
          isTaxIncluded: true,
          taxName: "Normala",
          taxPercentage: 21,
        },
      ],
      issueDate: "2026-11-25",
      dueDate: "2026-12-10",
      isDraft: false,
      currency: "RON",
      language: "RO",
    });
  });
  it("adds VAT on net prices, and leaves tax out for a non-VAT payer", () => {
    const added = buildInvoiceInput({ profile, buyer, lines: [{ name: "x", quantity: 2, unitPriceBani: 100 }], vat: { mode: "payer_added", level: { name: "Redusa", percentage: 11 } }, issueDate: "2026-01-31", isDraft: true });
    expect(added.products[0]).toMatchObject({ isTaxIncluded: false, taxName: "Redusa", taxPercentage: 11, price: 1 });
    const none = buildInvoiceInput({ profile, buyer, lines: [{ name: "x", quantity: 1, unitPriceBani: 100 }], vat: { mode: "not_payer" }, issueDate: "2026-01-31", isDraft: true });
    expect(none.products[0]).not.toHaveProperty("taxName");
    expect(none.products[0]).not.toHaveProperty("isTaxIncluded");
  });
  it("refuses a VAT-payer invoice without a level", () => {
    expect(() => buildInvoiceInput({ profile, buyer, lines: [], vat: { mode: "payer_added" }, issueDate: "2026-01-01", isDraft: true })).toThrow();
  });
  it("computes due dates across month ends", () => {
    expect(addDays("2026-01-31", 1)).toBe("2026-02-01");
    expect(addDays("2026-12-25", 15)).toBe("2027-01-09");
  });
});
