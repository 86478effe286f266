// Invoice storage: numbering, lookups by series + number (as strings: "159" is not "0159"), payments.
import { findSeries } from "./accounts";
import { asDate, asJson, iso, jsonText, num, type Q } from "./db";
import { randomToken } from "./util";

export interface StoredLine {
  name: string;
  code: string;
  measuringUnitName: string;
  quantity: number;
  price: number;
  isTaxIncluded: boolean;
  isDiscount: boolean;
  isService: boolean;
  taxName: string;
  vatPercent: number;
  net: number;
  vat: number;
  gross: number;
}

export type StoredClient = Record<string, string | boolean>;

export interface Invoice {
  id: number;
  companyId: number;
  seriesName: string;
  number: string;
  isDraft: boolean;
  issueDate: string;
  dueDate: string | null;
  currency: string;
  language: string;
  client: StoredClient;
  lines: StoredLine[];
  totalNet: number;
  totalVat: number;
  total: number;
  state: "active" | "cancelled";
  reversed: boolean;
  stornoOf: number | null;
  viewToken: string;
  paymentUrl: string | null;
  observations: string | null;
  mentions: string | null;
  createdAt: Date;
}

type InvoiceRow = Omit<Invoice, "id" | "totalNet" | "totalVat" | "total" | "stornoOf"> & {
  id: string;
  totalNet: string;
  totalVat: string;
  total: string;
  stornoOf: string | null;
};

const columns = (q: Q) => q`
  id, company_id as "companyId", series_name as "seriesName", number, is_draft as "isDraft",
  issue_date::text as "issueDate", due_date::text as "dueDate", currency, language, client, lines,
  total_net as "totalNet", total_vat as "totalVat", total, state, reversed, storno_of as "stornoOf",
  view_token as "viewToken", payment_url as "paymentUrl", observations, mentions, created_at as "createdAt"`;

function toInvoice(r: InvoiceRow): Invoice {
  return {
    ...r,
    id: Number(r.id),
    totalNet: num(r.totalNet),
    totalVat: num(r.totalVat),
    total: num(r.total),
    stornoOf: r.stornoOf === null ? null : Number(r.stornoOf),
    client: asJson(r.client),
    lines: asJson(r.lines),
    createdAt: asDate(r.createdAt),
  };
}

export async function findInvoice(
  q: Q,
  companyId: number,
  seriesName: string,
  number: string,
  lock = false,
): Promise<Invoice | undefined> {
  if (!number) return undefined;
  const [row] = await q<InvoiceRow[]>`
    select ${columns(q)} from smartbill_sandbox.invoices
    where company_id = ${companyId} and series_name = ${seriesName} and number = ${number}
    ${lock ? q`for update` : q``}`;
  return row && toInvoice(row);
}

export async function findInvoiceById(q: Q, id: number): Promise<Invoice | undefined> {
  const [row] = await q<InvoiceRow[]>`select ${columns(q)} from smartbill_sandbox.invoices where id = ${id}`;
  return row && toInvoice(row);
}

export async function findInvoiceByViewToken(q: Q, token: string): Promise<Invoice | undefined> {
  const [row] = await q<InvoiceRow[]>`select ${columns(q)} from smartbill_sandbox.invoices where view_token = ${token}`;
  return row && toInvoice(row);
}

export async function listInvoices(
  q: Q,
  filter: { companyId?: number; seriesName?: string; limit?: number },
): Promise<Invoice[]> {
  const rows = await q<InvoiceRow[]>`
    select ${columns(q)} from smartbill_sandbox.invoices
    where true
      ${filter.companyId !== undefined ? q`and company_id = ${filter.companyId}` : q``}
      ${filter.seriesName ? q`and series_name = ${filter.seriesName}` : q``}
    order by id limit ${filter.limit ?? 1000}`;
  return rows.map(toInvoice);
}

/** The last issued (numbered) document of a series: the only one SmartBill lets you delete. */
export async function lastInSeries(q: Q, companyId: number, seriesName: string): Promise<number | undefined> {
  const [row] = await q<{ id: string }[]>`
    select id from smartbill_sandbox.invoices
    where company_id = ${companyId} and series_name = ${seriesName} and number <> ''
    order by id desc limit 1`;
  return row ? Number(row.id) : undefined;
}

export function padNumber(n: number, width: number): string {
  return String(n).padStart(width, "0");
}

/**
 * Takes the series' next number under a row lock (the caller's transaction holds it until commit, so
 * concurrent issuers queue). Numbers already taken — after the counter was moved back in "the UI" —
 * are skipped.
 */
export async function allocateNumber(
  tx: Q,
  companyId: number,
  type: "f" | "c",
  seriesName: string,
): Promise<string | undefined> {
  const series = await findSeries(tx, companyId, type, seriesName, true);
  if (!series) return undefined;
  let n = series.nextNumber;
  for (;;) {
    const candidate = padNumber(n, series.padWidth);
    const [taken] =
      type === "f"
        ? await tx`select 1 from smartbill_sandbox.invoices
            where company_id = ${companyId} and series_name = ${seriesName} and number = ${candidate}`
        : await tx`select 1 from smartbill_sandbox.payments
            where company_id = ${companyId} and series_name = ${seriesName} and number = ${candidate}`;
    if (!taken) break;
    n++;
  }
  await tx`
    update smartbill_sandbox.series set next_number = ${n + 1}
    where company_id = ${companyId} and type = ${type} and name = ${seriesName}`;
  return padNumber(n, series.padWidth);
}

export interface NewInvoice {
  companyId: number;
  seriesName: string;
  number: string;
  isDraft: boolean;
  issueDate: string;
  dueDate: string | null;
  currency: string;
  language: string;
  client: StoredClient;
  lines: StoredLine[];
  totals: { net: number; vat: number; total: number };
  stornoOf: number | null;
  paymentUrl: string | null;
  observations: string | null;
  mentions: string | null;
  createdAt: Date;
}

export async function insertInvoice(tx: Q, inv: NewInvoice): Promise<Invoice> {
  const [row] = await tx<InvoiceRow[]>`
    insert into smartbill_sandbox.invoices (company_id, series_name, number, is_draft, issue_date, due_date,
      currency, language, client, lines, total_net, total_vat, total, storno_of, view_token, payment_url,
      observations, mentions, created_at)
    values (${inv.companyId}, ${inv.seriesName}, ${inv.number}, ${inv.isDraft}, ${inv.issueDate}, ${inv.dueDate},
      ${inv.currency}, ${inv.language}, ${jsonText(inv.client)}::text::jsonb, ${jsonText(inv.lines)}::text::jsonb, ${inv.totals.net},
      ${inv.totals.vat}, ${inv.totals.total}, ${inv.stornoOf}, ${randomToken(20)}, ${inv.paymentUrl},
      ${inv.observations}, ${inv.mentions}, ${iso(inv.createdAt)}::timestamptz)
    returning ${columns(tx)}`;
  return toInvoice(row!);
}

export async function paidAmount(q: Q, invoiceId: number): Promise<number> {
  const [row] = await q<{ paid: string | null }[]>`
    select sum(value) as paid from smartbill_sandbox.payments where invoice_id = ${invoiceId}`;
  return num(row?.paid);
}

export interface NewPayment {
  companyId: number;
  invoiceId: number | null;
  type: string;
  value: number;
  isCash: boolean;
  seriesName?: string;
  number?: string;
  issueDate: string;
  client?: StoredClient | null;
  source: "api" | "invoice" | "external";
  createdAt: Date;
}

export async function insertPayment(tx: Q, p: NewPayment): Promise<number> {
  const [row] = await tx<{ id: string }[]>`
    insert into smartbill_sandbox.payments (company_id, invoice_id, type, value, is_cash, series_name, number,
      issue_date, client, source, created_at)
    values (${p.companyId}, ${p.invoiceId}, ${p.type}, ${p.value}, ${p.isCash}, ${p.seriesName ?? ""},
      ${p.number ?? ""}, ${p.issueDate}, ${p.client ? jsonText(p.client) : null}::text::jsonb, ${p.source},
      ${iso(p.createdAt)}::timestamptz)
    returning id`;
  return Number(row!.id);
}

/** How a document is named in SmartBill's messages: series and number run together ("fac3744"). */
export function docName(inv: { seriesName: string; number: string }): string {
  return `${inv.seriesName}${inv.number}`;
}
