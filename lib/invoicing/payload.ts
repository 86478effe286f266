// Builds the exact POST /invoice/v2 body Bursar sends. Pure: the preview shows this same object.
import { baniToDecimal } from "./money";

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

export interface Line {
  name: string;
  description?: string;
  /** Whole units (courses are sold per unit). */
  quantity: number;
  unitPriceBani: number;
  measuringUnit?: string;
}

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

export function buildInvoiceInput(p: {
  profile: IssuerProfile;
  buyer: Buyer;
  lines: Line[];
  vat: VatChoice;
  issueDate: string;
  isDraft: boolean;
  mentions?: string;
}) {
  if (p.vat.mode !== "not_payer" && !p.vat.level) throw new Error("A VAT level is required for a VAT payer.");
  const tax =
    p.vat.mode === "not_payer"
      ? {}
      : { isTaxIncluded: p.vat.mode === "payer_included", taxName: p.vat.level!.name, taxPercentage: p.vat.level!.percentage };
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
    products: p.lines.map((l) =>
      clean({
        name: l.name,
        productDescription: l.description,
        measuringUnitName: l.measuringUnit ?? "buc",
        currency: p.profile.currency as "RON",
        quantity: l.quantity,
        price: baniToDecimal(l.unitPriceBani),
        isService: true,
        saveToDb: false,
        ...tax,
      }),
    ),
    issueDate: p.issueDate,
    dueDate: addDays(p.issueDate, p.profile.dueDays),
    isDraft: p.isDraft,
    currency: p.profile.currency as "RON",
    language: p.profile.invoiceLanguage,
    ...(p.mentions ? { mentions: p.mentions } : {}),
  };
}
