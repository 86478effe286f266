// The invoice list's filter, shared by the page (nuqs parsers), the CSV export (zod) and the queries.
// Zod-free so client components can import it.
import { INVOICE_REQUEST_STATUSES, type InvoiceRequestStatus } from "@/lib/invoicing/constants";
import { isIsoDate, todayInBucharest } from "@/lib/registrations/dates";

export const INVOICE_LIST_STATUSES = [...INVOICE_REQUEST_STATUSES, "all"] as const;
export type InvoiceListStatus = InvoiceRequestStatus | "all";
export const DEFAULT_INVOICE_STATUS = "issued" satisfies InvoiceListStatus;
/** The filter's URL keys (the page and the export link use the same). */
export const INVOICE_FILTER_KEYS = ["from", "to", "status", "series", "profile"] as const;

export interface InvoiceListFilter {
  from: string;
  to: string;
  status: InvoiceListStatus;
  series: string | null;
  profile: string | null;
}

/** The current month in Europe/Bucharest: the first and the last calendar day. */
export function currentMonth(now: Date = new Date()): { from: string; to: string } {
  const today = todayInBucharest(now);
  const [y, m] = today.split("-").map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const mm = String(m).padStart(2, "0");
  return { from: `${y}-${mm}-01`, to: `${y}-${mm}-${String(last).padStart(2, "0")}` };
}

/** Fills what the URL leaves out: the current month, status issued. A reversed range is put right. */
export function resolveInvoiceListFilter(
  input: { from?: string | null; to?: string | null; status?: InvoiceListStatus | null; series?: string | null; profile?: string | null },
  now: Date = new Date(),
): InvoiceListFilter {
  const month = currentMonth(now);
  let from = input.from && isIsoDate(input.from) ? input.from : month.from;
  let to = input.to && isIsoDate(input.to) ? input.to : month.to;
  if (from > to) [from, to] = [to, from];
  return { from, to, status: input.status ?? DEFAULT_INVOICE_STATUS, series: input.series || null, profile: input.profile || null };
}

/** The filter as a query string (?from=…&to=…): the export link carries exactly what the page shows. */
export function invoiceFilterQuery(f: InvoiceListFilter): string {
  const params = new URLSearchParams({ from: f.from, to: f.to, status: f.status });
  if (f.series) params.set("series", f.series);
  if (f.profile) params.set("profile", f.profile);
  return params.toString();
}
