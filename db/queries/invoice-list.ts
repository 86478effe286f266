import "server-only";
import { and, asc, desc, eq, sql, type SQL } from "drizzle-orm";
import type { Executor } from "@/db";
import { billingProfiles, invoiceRequests, invoiceSeries, registrations, type InvoiceRequestStatus } from "@/db/schema";
import { pgText } from "./text";

// The accountants' invoice list (/invoices), its totals by VAT level and the CSV register. Organisation
// first; the date is the issue date, or the request's creation for one not issued (yet).
// db/ never imports lib/: this mirrors lib/invoice-list/schemas.ts (InvoiceListFilter).
export interface InvoiceListFilter {
  /** Calendar dates "YYYY-MM-DD" in Europe/Bucharest, both included. */
  from: string;
  to: string;
  status: InvoiceRequestStatus | "all";
  series: string | null;
  profile: string | null;
}

const q = invoiceRequests;
/** Matches the (org_id, coalesce(issued_at, created_at), id) index. */
export const invoiceDate = sql<Date>`coalesce(${q.issuedAt}, ${q.createdAt})`;

export function invoiceListWhere(orgId: string, f: InvoiceListFilter): SQL {
  const conditions: SQL[] = [
    eq(q.orgId, orgId),
    sql`${invoiceDate} >= (${f.from}::date)::timestamp at time zone 'Europe/Bucharest'`,
    sql`${invoiceDate} < (${f.to}::date + 1)::timestamp at time zone 'Europe/Bucharest'`,
  ];
  if (f.status !== "all") conditions.push(eq(q.status, f.status));
  if (f.series) conditions.push(eq(q.seriesName, pgText(f.series)));
  if (f.profile) conditions.push(eq(q.billingProfileId, f.profile));
  return and(...conditions)!;
}

const rowColumns = {
  id: q.id,
  status: q.status,
  date: invoiceDate,
  issuedSeries: q.issuedSeries,
  issuedNumber: q.issuedNumber,
  seriesName: q.seriesName,
  clientName: sql<string | null>`${q.payload}->'client'->>'name'`,
  // A person is billed with SmartBill's 13 zeros (lib/invoicing/issuer.ts): only a company has a CIF.
  clientCif: sql<string | null>`nullif(${q.payload}->'client'->>'vatCode', '0000000000000')`,
  registrationId: q.registrationId,
  reference: registrations.reference,
  participantName: registrations.participantName,
  netBani: q.netBani,
  vatBani: q.vatBani,
  totalBani: q.totalBani,
  vatName: q.vatName,
  vatPercent: q.vatPercent,
  needsStorno: q.needsStorno,
  documentUrl: q.documentUrl,
  documentViewUrl: q.documentViewUrl,
};
export interface InvoiceListRow {
  id: string;
  status: InvoiceRequestStatus;
  date: Date;
  issuedSeries: string | null;
  issuedNumber: string | null;
  seriesName: string;
  clientName: string | null;
  clientCif: string | null;
  registrationId: string;
  reference: string;
  participantName: string;
  netBani: number;
  vatBani: number;
  totalBani: number;
  vatName: string | null;
  vatPercent: string | null;
  needsStorno: boolean;
  documentUrl: string | null;
  documentViewUrl: string | null;
}

function selectRows(db: Executor, orgId: string, where: SQL) {
  return db
    .select(rowColumns)
    .from(q)
    .innerJoin(registrations, and(eq(registrations.orgId, q.orgId), eq(registrations.id, q.registrationId)))
    .where(where);
}

/** postgres.js hands a raw sql<Date> expression back as a string: make it a Date. */
function normalise(rows: (Omit<InvoiceListRow, "date"> & { date: Date | string })[]): InvoiceListRow[] {
  return rows.map((r) => ({ ...r, date: r.date instanceof Date ? r.date : new Date(r.date) }));
}

export interface InvoiceListPage {
  rows: InvoiceListRow[];
  total: number;
  pageCount: number;
}

/** One page, newest first (or oldest first with dir "asc"). */
export async function listInvoices(
  db: Executor,
  orgId: string,
  p: InvoiceListFilter & { page: number; pageSize: number; dir: "asc" | "desc" },
): Promise<InvoiceListPage> {
  const where = invoiceListWhere(orgId, p);
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(q).where(where);
  const total = count?.n ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / p.pageSize));
  const page = Math.min(p.page, pageCount);
  if (total === 0) return { rows: [], total, pageCount };
  const order = p.dir === "asc" ? [asc(invoiceDate), asc(q.id)] : [desc(invoiceDate), desc(q.id)];
  const rows = await selectRows(db, orgId, where)
    .orderBy(...order)
    .limit(p.pageSize)
    .offset((page - 1) * p.pageSize);
  return { rows: normalise(rows), total, pageCount };
}

export interface VatTotal {
  vatName: string | null;
  vatPercent: string | null;
  count: number;
  netBani: number;
  vatBani: number;
  totalBani: number;
}

/** The issued invoices of the filter, summed per VAT level (integer bani). */
export async function sumInvoicesByVat(db: Executor, orgId: string, f: InvoiceListFilter): Promise<VatTotal[]> {
  if (f.status !== "all" && f.status !== "issued") return [];
  const rows = await db
    .select({
      vatName: q.vatName,
      vatPercent: q.vatPercent,
      count: sql<number>`count(*)::int`,
      netBani: sql<string>`coalesce(sum(${q.netBani}), 0)`,
      vatBani: sql<string>`coalesce(sum(${q.vatBani}), 0)`,
      totalBani: sql<string>`coalesce(sum(${q.totalBani}), 0)`,
    })
    .from(q)
    .where(and(invoiceListWhere(orgId, { ...f, status: "issued" }), eq(q.status, "issued")))
    .groupBy(q.vatName, q.vatPercent)
    .orderBy(sql`${q.vatPercent} desc nulls last`, asc(q.vatName));
  // sum() of integers is numeric in PostgreSQL: exact, read as text, then a safe integer.
  return rows.map((r) => ({ ...r, netBani: Number(r.netBani), vatBani: Number(r.vatBani), totalBani: Number(r.totalBani) }));
}

/** The register: every issued invoice of the filter, oldest first, then by series and number. */
export async function listIssuedInvoices(db: Executor, orgId: string, f: InvoiceListFilter, limit = 50_000): Promise<InvoiceListRow[]> {
  if (f.status !== "all" && f.status !== "issued") return [];
  const rows = await selectRows(db, orgId, and(invoiceListWhere(orgId, { ...f, status: "issued" }), eq(q.status, "issued"))!)
    .orderBy(asc(invoiceDate), asc(q.issuedSeries), asc(q.issuedNumber))
    .limit(limit);
  return normalise(rows);
}

/** The filter's choices: the series the school has invoiced into, and its billing profiles. */
export async function listInvoiceFilterOptions(db: Executor, orgId: string): Promise<{ series: string[]; profiles: { id: string; name: string }[] }> {
  const [series, profiles] = await Promise.all([
    db.selectDistinct({ name: invoiceSeries.seriesName }).from(invoiceSeries).where(eq(invoiceSeries.orgId, orgId)).orderBy(asc(invoiceSeries.seriesName)),
    db
      .select({ id: billingProfiles.id, name: billingProfiles.companyName, series: billingProfiles.seriesName })
      .from(billingProfiles)
      .where(eq(billingProfiles.orgId, orgId))
      .orderBy(asc(billingProfiles.companyName), asc(billingProfiles.createdAt)),
  ]);
  return {
    series: series.map((s) => s.name),
    profiles: profiles.map((p) => ({ id: p.id, name: p.series ? `${p.name} · ${p.series}` : p.name })),
  };
}

/** Whether the school has any invoice request at all (the empty state versus "nothing matches"). */
export async function hasInvoiceRequests(db: Executor, orgId: string): Promise<boolean> {
  const [row] = await db.select({ id: q.id }).from(q).where(eq(q.orgId, orgId)).limit(1);
  return !!row;
}
