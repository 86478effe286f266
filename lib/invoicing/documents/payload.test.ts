// The POST /invoice/v2 body builder and the invoice's lines: every VAT mode the billing settings offer,
// discounts, person and company buyers, non-VAT issuers, amounts at the edges, dates.
import { describe, expect, it } from "vitest";
import { todayInBucharest } from "@/lib/registrations/dates";
import { invoiceLines } from "./issuer";
import { addDays, buildInvoiceInput, type Buyer, type Line, type VatChoice } from "./payload";

const profile = { seriesName: "BRS", currency: "RON", invoiceLanguage: "RO", dueDays: 15 };
const person: Buyer = { name: "Ion Popescu", country: "Romania", vatCode: "0000000000000", city: "Sector 1", county: "București", email: null };
const course: Line = { name: "Balet — Ana", description: "Toamna 2026, 15.09.2026 – 31.01.2027", quantity: 1, unitPriceBani: 100_000 };
const discount: Line = { kind: "discount", name: "Discount", amountBani: 15_050, covers: 1 };
const normala = { name: "Normala", percentage: 21 };
const build = (lines: Line[], vat: VatChoice, over: { buyer?: Buyer; issueDate?: string; dueDays?: number } = {}) =>
  buildInvoiceInput({
    profile: { ...profile, dueDays: over.dueDays ?? profile.dueDays },
    buyer: over.buyer ?? person,
    lines,
    vat,
    issueDate: over.issueDate ?? "2026-11-25",
    isDraft: false,
    mentions: "Ref. BRS-0001",
  });

describe("invoice payload: VAT modes", () => {
  it("'prices include VAT': the whole body, VAT-inclusive price with the SmartBill level", () => {
    expect(build([{ name: "Balet — Ana (sept.)", quantity: 1, unitPriceBani: 45_050 }], { mode: "payer_included", level: normala })).toEqual({
      seriesName: "BRS",
      client: { name: "Ion Popescu", country: "Romania", vatCode: "0000000000000", isTaxPayer: false, city: "Sector 1", county: "București", saveToDb: false },
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
      mentions: "Ref. BRS-0001",
    });
  });
  it("'VAT added': net prices (isTaxIncluded false stated), the level named", () => {
    const body = build([{ name: "x", quantity: 2, unitPriceBani: 100 }], { mode: "payer_added", level: { name: "Redusa", percentage: 11 } });
    expect(body.products[0]).toMatchObject({ isTaxIncluded: false, taxName: "Redusa", taxPercentage: 11, price: 1, quantity: 2 });
  });
  it("every level a course or profile may carry is sent by name and percentage (21, 11, 9, 5, 0 %)", () => {
    for (const level of [normala, { name: "Redusa", percentage: 11 }, { name: "Redusa 9", percentage: 9 }, { name: "Redusa 5", percentage: 5 }, { name: "Scutit", percentage: 0 }]) {
      expect(build([course], { mode: "payer_included", level }).products[0]).toMatchObject({ taxName: level.name, taxPercentage: level.percentage });
    }
  });
  it("a non-VAT issuer sends no tax fields at all (0 % without a name would become 'Taxare inversa')", () => {
    const body = build([course, discount], { mode: "not_payer" });
    for (const p of body.products) {
      expect(p).not.toHaveProperty("taxName");
      expect(p).not.toHaveProperty("taxPercentage");
      expect(p).not.toHaveProperty("isTaxIncluded");
    }
  });
  it("refuses a VAT-payer invoice without a level", () => {
    expect(() => build([course], { mode: "payer_added" })).toThrow("VAT level");
  });
});

describe("invoice payload: discount lines", () => {
  it("a value discount right after the line it discounts: numberOfItems, type 1, a negative value, the same VAT", () => {
    for (const mode of ["payer_included", "payer_added"] as const) {
      const body = build([course, discount], { mode, level: normala });
      expect(body.products[1]).toEqual({
        name: "Discount",
        isDiscount: true,
        numberOfItems: 1,
        discountType: 1,
        discountValue: -150.5,
        measuringUnitName: "buc",
        currency: "RON",
        isTaxIncluded: mode === "payer_included",
        taxName: "Normala",
        taxPercentage: 21,
      });
    }
  });
  it("refuses a discount that covers nothing, covers another discount, takes off nothing, or stands alone", () => {
    const vat: VatChoice = { mode: "payer_included", level: normala };
    expect(() => build([discount, course], vat)).toThrow("right before it");
    expect(() => build([course, discount, { ...discount }], vat)).toThrow("right before it");
    expect(() => build([course, { ...discount, covers: 2 }], vat)).toThrow("right before it");
    expect(() => build([course, { ...discount, amountBani: 0 }], vat)).toThrow("positive amount");
    expect(() => build([course, { ...discount, amountBani: -5 }], vat)).toThrow("positive amount");
    expect(() => build([{ ...discount, covers: 0 }], vat)).toThrow();
  });
});

describe("invoice lines of a registration", () => {
  const base = { courseName: "Balet", participantName: "Ana Pop", termName: "Toamna 2026", termStart: "2026-09-15", termEnd: "2027-01-31" };
  it("names the course and participant, and describes the period", () => {
    expect(invoiceLines({ ...base, listPriceBani: 100_000, registrationPriceBani: 100_000, amountBani: 100_000 })).toEqual([
      { name: "Balet — Ana Pop", description: "Toamna 2026, 15.09.2026 – 31.01.2027", quantity: 1, unitPriceBani: 100_000 },
    ]);
  });
  it("a registration sold below the list price, invoiced whole: the list price and a discount of the difference", () => {
    const lines = invoiceLines({ ...base, listPriceBani: 100_000, registrationPriceBani: 85_000, amountBani: 85_000 });
    expect(lines).toEqual([
      { name: "Balet — Ana Pop", description: "Toamna 2026, 15.09.2026 – 31.01.2027", quantity: 1, unitPriceBani: 100_000 },
      { kind: "discount", name: "Discount", amountBani: 15_000, covers: 1 },
    ]);
  });
  it("a partial invoice (down payment, one payment) bills its amount as one line, without the discount", () => {
    expect(invoiceLines({ ...base, listPriceBani: 100_000, registrationPriceBani: 85_000, amountBani: 30_000 })).toEqual([
      expect.objectContaining({ unitPriceBani: 30_000 }),
    ]);
  });
  it("a registration sold above the list price bills its own price, with no negative discount", () => {
    expect(invoiceLines({ ...base, listPriceBani: 100_000, registrationPriceBani: 120_000, amountBani: 120_000 })).toEqual([
      expect.objectContaining({ unitPriceBani: 120_000 }),
    ]);
  });
});

describe("invoice payload: buyers", () => {
  it("a person: name, the 13-zero CNP, not a VAT payer, Bucharest by sector", () => {
    expect(build([course], { mode: "not_payer" }).client).toEqual({
      name: "Ion Popescu",
      country: "Romania",
      vatCode: "0000000000000",
      isTaxPayer: false,
      city: "Sector 1",
      county: "București",
      saveToDb: false,
    });
  });
  it("a company: legal name, CIF, trade register number, VAT payer flag, address", () => {
    const company: Buyer = {
      name: "Firma SRL",
      country: "Romania",
      vatCode: "RO12345678",
      isTaxPayer: true,
      regCom: "J40/123/2020",
      address: "Str. Lalelei 1",
      city: "Sector 6",
      county: "București",
      email: "office@firma.ro",
      phone: "0722000000",
    };
    expect(build([course], { mode: "payer_included", level: normala }, { buyer: company }).client).toEqual({ ...company, saveToDb: false });
    expect(build([course], { mode: "payer_included", level: normala }, { buyer: { ...company, isTaxPayer: false, vatCode: "12345678" } }).client).toMatchObject({
      vatCode: "12345678",
      isTaxPayer: false,
    });
  });
  it("leaves empty fields out rather than sending empty strings", () => {
    expect(build([course], { mode: "not_payer" }, { buyer: { name: "Ana", country: "Romania", regCom: "", address: null, email: "" } }).client).toEqual({
      name: "Ana",
      country: "Romania",
      isTaxPayer: false,
      saveToDb: false,
    });
  });
});

describe("invoice payload: amounts and dates", () => {
  it("sends bani as lei decimals without float drift, from 0,01 to 999.999,99 lei", () => {
    const price = (bani: number) => build([{ name: "x", quantity: 1, unitPriceBani: bani }], { mode: "not_payer" }).products[0];
    expect(price(1)).toMatchObject({ price: 0.01 });
    expect(price(3_333)).toMatchObject({ price: 33.33 });
    expect(price(99_999_999)).toMatchObject({ price: 999_999.99 });
    expect(build([{ name: "x", quantity: 3, unitPriceBani: 3_333 }], { mode: "not_payer" }).products[0]).toMatchObject({ price: 33.33, quantity: 3 });
    expect(() => price(0.5)).toThrow("bani");
  });
  it("due date = issue date + the profile's days, across month ends, year ends and leap days", () => {
    expect(build([course], { mode: "not_payer" }, { issueDate: "2026-01-31", dueDays: 1 }).dueDate).toBe("2026-02-01");
    expect(build([course], { mode: "not_payer" }, { issueDate: "2026-12-25", dueDays: 15 }).dueDate).toBe("2027-01-09");
    expect(build([course], { mode: "not_payer" }, { issueDate: "2028-02-28", dueDays: 1 }).dueDate).toBe("2028-02-29");
    expect(build([course], { mode: "not_payer" }, { issueDate: "2026-11-25", dueDays: 0 }).dueDate).toBe("2026-11-25");
    expect(addDays("2026-03-28", 1)).toBe("2026-03-29"); // the night clocks go forward
  });
  it("the default issue date is the day in Europe/Bucharest, not UTC's (late evening, and over DST changes)", () => {
    expect(todayInBucharest(new Date("2026-11-24T22:30:00Z"))).toBe("2026-11-25"); // 00:30 EET
    expect(todayInBucharest(new Date("2026-11-24T21:59:00Z"))).toBe("2026-11-24");
    expect(todayInBucharest(new Date("2026-07-31T21:30:00Z"))).toBe("2026-08-01"); // 00:30 EEST
    expect(todayInBucharest(new Date("2026-03-28T22:30:00Z"))).toBe("2026-03-29");
    expect(todayInBucharest(new Date("2026-10-24T21:30:00Z"))).toBe("2026-10-25");
  });
});
