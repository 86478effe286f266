// Builds the exact POST /invoice/v2 body Bursar sends. Pure: the preview shows this same object.
import type { InvoiceInput, SmartBillProduct } from "@/lib/smartbill";
import { baniToDecimal } from "./totals";

export type VatMode = "payer_included" | "payer_added" | "not_payer";

export interface IssuerProfile {
  seriesName: string;
  currency: string;
  invoiceLanguage: string;
  dueDays: number;
}

export interface Buyer {
  name: string;
  country: string;
  vatCode?: string | null;
  isTaxPayer?: boolean;
  regCom?: string | null;
  address?: string | null;
  city?: string | null;
  county?: string | null;
  email?: string | null;
  phone?: string | null;
}

export interface ProductLine {
  kind?: "product";
  name: string;
  description?: string;
  /** Whole units (courses are sold per unit). */
  quantity: number;
  unitPriceBani: number;
  measuringUnit?: string;
}

/**
 * A value discount (SmartBill discountType 1) over the `covers` lines right before it, at their VAT
 * level and with their isTaxIncluded: `amountBani` (> 0) is what it takes off, VAT included when the
 * prices include VAT, net when VAT is added.
 */
export interface DiscountLine {
  kind: "discount";
  name: string;
  amountBani: number;
  covers: number;
}

export type Line = ProductLine | DiscountLine;

export interface VatChoice {
  mode: VatMode;
  /** The SmartBill VAT level (name as in GET /tax) for VAT-payer modes. */
  level?: { name: string; percentage: number };
}

export function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function clean<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null && v !== "")) as T;
}

const isDiscount = (l: Line): l is DiscountLine => l.kind === "discount";

function checkLines(lines: Line[]): void {
  lines.forEach((l, i) => {
    if (!isDiscount(l)) return;
    if (!Number.isSafeInteger(l.amountBani) || l.amountBani <= 0) throw new Error(`A discount takes off a positive amount in bani: ${l.amountBani}`);
    // SmartBill ignores a discount without numberOfItems and counts only the lines right before it.
    const before = lines.slice(Math.max(0, i - l.covers), i);
    if (!Number.isInteger(l.covers) || l.covers < 1 || before.length < l.covers || before.some(isDiscount)) {
      throw new Error(`A discount must cover the ${l.covers} product line(s) right before it.`);
    }
  });
  if (lines.length && lines.every(isDiscount)) throw new Error("An invoice cannot hold only discounts.");
}

export function buildInvoiceInput(p: {
  profile: IssuerProfile;
  buyer: Buyer;
  lines: Line[];
  vat: VatChoice;
  issueDate: string;
  isDraft: boolean;
  mentions?: string;
}): InvoiceInput {
  if (p.vat.mode !== "not_payer" && !p.vat.level) throw new Error("A VAT level is required for a VAT payer.");
  checkLines(p.lines);
  // A non-VAT payer sends no tax fields: at 0 % without a name SmartBill would pick "Taxare inversa".
  const tax =
    p.vat.mode === "not_payer"
      ? {}
      : { isTaxIncluded: p.vat.mode === "payer_included", taxName: p.vat.level!.name, taxPercentage: p.vat.level!.percentage };
  const currency = p.profile.currency as "RON";
  const products = p.lines.map((l): SmartBillProduct =>
    isDiscount(l)
      ? {
          name: l.name,
          isDiscount: true,
          // Required (without it SmartBill silently drops the discount); value type; a NEGATIVE value
          // (a positive one raises the total); the discounted line's VAT level, stated.
          numberOfItems: l.covers,
          discountType: 1,
          discountValue: -baniToDecimal(l.amountBani),
          measuringUnitName: "buc",
          currency,
          ...tax,
        }
      : clean({
          name: l.name,
          productDescription: l.description,
          measuringUnitName: l.measuringUnit ?? "buc",
          currency,
          quantity: l.quantity,
          price: baniToDecimal(l.unitPriceBani),
          isService: true,
          saveToDb: false,
          ...tax,
        }),
  );
  return {
    seriesName: p.profile.seriesName,
    client: clean({
      name: p.buyer.name,
      country: p.buyer.country,
      vatCode: p.buyer.vatCode ?? undefined,
      isTaxPayer: p.buyer.isTaxPayer ?? false,
      regCom: p.buyer.regCom ?? undefined,
      address: p.buyer.address ?? undefined,
      city: p.buyer.city ?? undefined,
      county: p.buyer.county ?? undefined,
      email: p.buyer.email ?? undefined,
      phone: p.buyer.phone ?? undefined,
      saveToDb: false,
    }),
    products,
    issueDate: p.issueDate,
    dueDate: addDays(p.issueDate, p.profile.dueDays),
    isDraft: p.isDraft,
    currency,
    language: p.profile.invoiceLanguage,
    ...(p.mentions ? { mentions: p.mentions } : {}),
  };
}
