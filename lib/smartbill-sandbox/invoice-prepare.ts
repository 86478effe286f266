// Business validation of POST /invoice/v2, in SmartBill's order, ending in the computed document.
// Nothing is written here: storing (numbering, quota) happens in one transaction afterwards.
import { findSeries, listTaxes, type Company, type Tax } from "./accounts";
import type { Q } from "./db";
import type { StoredClient, StoredLine } from "./invoices";
import { computeInvoice, scale4, toBani, type Totals } from "./money";
import {
  canonicalPaymentType,
  CURRENCIES,
  type ClientInput,
  type InvoiceRequest,
  type ProductInput,
} from "./request-specs";
import { isIsoDate, todayInBucharest } from "./util";

export const MSG = {
  tooManyLines: "Numarul maxim acceptat de 400 intrari pe document a fost depasit.",
  series: "Seria nu a fost gasita! Folositi o serie creata in contul de cloud.",
  date: "Data documentului trebuie sa fie de forma yyyy-MM-dd.",
  currency: "Moneda nu a fost gasita pe server!",
  country: "tara trebuie specificata",
  client: "Client invalid!",
  noProducts: "invoiceProducts trebuie specificat si trebuie sa contina cel putin un element",
  productName: "name trebuie specificat pentru fiecare produs",
  unit: "measuringUnitName trebuie specificat pentru fiecare produs",
  onlyDiscount:
    "Nu poti sa emiti un document care contine doar un discount. Trebuie sa ai si produse / servicii adaugate.",
  mixedDiscount:
    "La aplicarea unui discount pentru produse cu cote tva diferite, trebuie sa specifici si cota tva a discountului.",
  paymentTax: "O firma neplatitoare de tva nu poate folosi tva la incasare!",
  stock: "Modulul stoc nu este activ!",
  paymentType: "type trebuie specificat pentru incasare",
  paymentValue: "value trebuie specificat pentru incasare",
  badPaymentType: "Tipul documentului nu a fost gasit pe server!",
  emailAddress: "Trebuie specificata adresa de email a clientului.",
  smtp: "Server-ul de email nu a fost configurat.",
  quota: "Pentru acest pachet s-a emis numarul maxim de documente permis",
} as const;

export interface PreparedInvoice {
  seriesName: string;
  isDraft: boolean;
  issueDate: string;
  dueDate: string | null;
  currency: string;
  language: string;
  client: StoredClient;
  lines: StoredLine[];
  totals: Totals;
  paymentUrl: string | null;
  payment: { type: string; value: number; isCash: boolean; receiptSeries: string | null } | null;
  email: { to: string; cc: string; bcc: string } | null;
  observations: string | null;
  mentions: string | null;
}

export type Prepared = { ok: true; invoice: PreparedInvoice } | { ok: false; status: number; errorText: string };

const fail = (errorText: string, status = 400): Prepared => ({ ok: false, status, errorText });
const text = (v: string | null | undefined) => (v ?? "").trim();

export async function prepareInvoice(q: Q, company: Company, body: InvoiceRequest, now: Date): Promise<Prepared> {
  const products = body.products ?? [];
  if (products.length > 400) return fail(MSG.tooManyLines, 410);
  if (body.useEstimateDetails) {
    // Proformas are not modelled by the sandbox, so the source proforma is never found.
    return fail(`Factura proforma ${text(body.estimate?.seriesName)}${text(body.estimate?.number)} nu a fost gasita!`);
  }
  const seriesName = body.seriesName ?? "";
  if (!(await findSeries(q, company.id, "f", seriesName))) return fail(MSG.series);
  for (const d of [body.issueDate, body.dueDate, body.deliveryDate, body.paymentDate]) {
    if (d !== null && d !== undefined && d !== "" && !isIsoDate(d)) return fail(MSG.date);
  }
  const currency = body.currency || "RON";
  if (!CURRENCIES.has(currency)) return fail(MSG.currency);
  const client = body.client;
  if (!client || !text(client.country)) return fail(MSG.country);
  if (!text(client.name)) return fail(MSG.client);
  if (products.length === 0) return fail(MSG.noProducts);

  const taxes = company.vatPayer ? await listTaxes(q, company.id) : [];
  const resolved: { p: ProductInput; tax: Tax | null }[] = [];
  for (const p of products) {
    const name = text(p.name);
    if (!name) return fail(MSG.productName);
    if (!p.isDiscount && !text(p.measuringUnitName)) return fail(MSG.unit);
    if (!p.isDiscount && company.useProductCode && !text(p.code)) return fail(`Produsul ${name} nu are codul specificat.`);
    const tax = company.vatPayer ? resolveTax(taxes, p) : { ok: true as const, tax: null };
    if (!tax.ok) return fail(tax.errorText);
    resolved.push({ p, tax: tax.tax });
  }
  if (resolved.every((r) => r.p.isDiscount)) return fail(MSG.onlyDiscount);
  if (body.usePaymentTax && !company.vatPayer) return fail(MSG.paymentTax);
  if (body.useStock) {
    if (!company.stockEnabled) return fail(MSG.stock);
    const missing = resolved.find((r) => !r.p.isDiscount && !r.p.isService && !text(r.p.warehouseName));
    if (missing) return fail(`Gestiunea predatoare nu este setata pentru produsul ${text(missing.p.name)}.`);
  }

  const computed = computeInvoice(
    resolved.map(({ p, tax }) => ({
      quantity: p.isDiscount ? 1 : (p.quantity ?? 0),
      price: p.price ?? 0,
      isTaxIncluded: p.isTaxIncluded ?? false,
      vatPercent: tax ? tax.percentage : null,
      isDiscount: p.isDiscount ?? false,
      numberOfItems: p.numberOfItems,
      discountType: p.discountType,
      discountValue: p.discountValue,
      discountPercentage: p.discountPercentage,
    })),
    company.vatPayer,
  );
  if (!computed.ok) return fail(MSG.mixedDiscount);

  const payment = await preparePayment(q, company, body);
  if ("errorText" in payment) return fail(payment.errorText);
  let email: PreparedInvoice["email"] = null;
  if (body.sendEmail) {
    const to = text(body.email?.to) || text(client.email);
    if (!to) return fail(MSG.emailAddress);
    if (!company.smtpConfigured) return fail(MSG.smtp);
    email = { to, cc: text(body.email?.cc), bcc: text(body.email?.bcc) };
  }

  const lines: StoredLine[] = resolved.map(({ p, tax }, i) => {
    const amounts = computed.lines[i]!;
    return {
      name: text(p.name),
      code: text(p.code),
      measuringUnitName: text(p.measuringUnitName),
      quantity: p.isDiscount ? 1 : (p.quantity ?? 0),
      price: p.price ?? 0,
      isTaxIncluded: p.isTaxIncluded ?? false,
      isDiscount: p.isDiscount ?? false,
      isService: p.isService ?? false,
      taxName: tax?.name ?? "",
      ...amounts,
    };
  });
  return {
    ok: true,
    invoice: {
      seriesName,
      isDraft: body.isDraft ?? false,
      issueDate: body.issueDate || todayInBucharest(now),
      dueDate: body.dueDate || null,
      currency,
      language: body.language || "RO",
      client: storedClient(client),
      lines,
      totals: computed.totals,
      paymentUrl: body.paymentUrl || null,
      payment: payment.payment,
      email,
      observations: body.observations ?? null,
      mentions: body.mentions ?? null,
    },
  };
}

type TaxResult = { ok: true; tax: Tax | null } | { ok: false; errorText: string };

/** A line's VAT must name one of the company's rates: name and percentage both match when both are sent. */
export function resolveTax(taxes: Tax[], p: ProductInput): TaxResult {
  const name = text(p.taxName);
  const pct = p.taxPercentage;
  const same = (a: number, b: number) => scale4(a) === scale4(b);
  const notFound: TaxResult = { ok: false, errorText: `Cota tva a produsului ${text(p.name)} nu a fost gasita pe server!` };
  if (name) {
    const tax = taxes.find((t) => t.name === name && (pct === null || pct === undefined || same(t.percentage, pct)));
    return tax ? { ok: true, tax } : notFound;
  }
  if (pct !== null && pct !== undefined) {
    // At 0% without a name SmartBill defaults to "Taxare inversa".
    const tax =
      pct === 0
        ? taxes.find((t) => t.name === "Taxare inversa" && t.percentage === 0)
        : taxes.find((t) => same(t.percentage, pct));
    return tax ? { ok: true, tax } : notFound;
  }
  // A discount line may leave its rate to the lines it covers.
  if (p.isDiscount) return { ok: true, tax: null };
  return { ok: false, errorText: `Trebuie sa setezi o cota tva pentru produsul ${text(p.name)}` };
}

async function preparePayment(
  q: Q,
  company: Company,
  body: InvoiceRequest,
): Promise<{ payment: PreparedInvoice["payment"] } | { errorText: string }> {
  const p = body.payment;
  if (!p || body.isDraft) return { payment: null };
  if (!text(p.type)) return { errorText: MSG.paymentType };
  const type = canonicalPaymentType(p.type!);
  if (!type) return { errorText: MSG.badPaymentType };
  if (p.value === null || p.value === undefined) return { errorText: MSG.paymentValue };
  let receiptSeries: string | null = null;
  if (type === "Chitanta") {
    receiptSeries = text(p.paymentSeries);
    if (!(await findSeries(q, company.id, "c", receiptSeries))) return { errorText: MSG.series };
  }
  return { payment: { type, value: toBani(p.value), isCash: p.isCash ?? true, receiptSeries } };
}

function storedClient(c: ClientInput): StoredClient {
  const out: StoredClient = {};
  for (const [k, v] of Object.entries(c)) if (v !== null && v !== undefined) out[k] = v;
  return out;
}
