import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Executor } from "@/db";
import { invoiceSeries, type InvoiceSeriesRow } from "@/db/schema";

// What Bursar knows of a (company, series): SmartBill's next number, the zero-padding it writes numbers
// with, and whether a duplicate blocks it. No hold: several creates may be in flight in one series
// (the mark, not the numbering, proves which document is whose).

export interface SeriesRef {
  orgId: string;
  cif: string;
  series: string;
}

const pk = (s: SeriesRef) => and(eq(invoiceSeries.orgId, s.orgId), eq(invoiceSeries.companyCif, s.cif), eq(invoiceSeries.seriesName, s.series));

export async function getSeries(db: Executor, s: SeriesRef): Promise<InvoiceSeriesRow | null> {
  const [row] = await db.select().from(invoiceSeries).where(pk(s));
  return row ?? null;
}

/**
 * Stores SmartBill's next number as GET /series said it, with when it was asked: `askedMsAgo` (measured
 * on this process's monotonic clock) before now on the database's clock — SmartBill's number describes
 * that moment at the earliest.
 */
export async function storeNextNumber(db: Executor, s: SeriesRef, next: number, askedMsAgo: number): Promise<void> {
  const askedAt = sql`clock_timestamp() - make_interval(secs => ${Math.max(0, askedMsAgo) / 1000})`;
  await db
    .insert(invoiceSeries)
    .values({ orgId: s.orgId, companyCif: s.cif, seriesName: s.series, nextNumber: next, knownAt: sql`now()`, nextReadAt: askedAt })
    .onConflictDoUpdate({ target: [invoiceSeries.orgId, invoiceSeries.companyCif, invoiceSeries.seriesName], set: { nextNumber: next, knownAt: sql`now()`, nextReadAt: askedAt } });
}

/**
 * SmartBill's next number if a GET /series asked at or after `after` (database clock) set it, and nothing
 * asked earlier has overwritten it since; answers recorded meanwhile only raise it. Else null: ask again.
 */
export async function nextNumberReadAfter(db: Executor, s: SeriesRef, after: Date): Promise<number | null> {
  const row = await getSeries(db, s);
  return row?.nextNumber != null && row.nextReadAt != null && row.nextReadAt.getTime() >= after.getTime() ? row.nextNumber : null;
}

/** A duplicate (two documents carry one request's mark): nothing more is sent in the series until a person acts. */
export async function blockSeries(db: Executor, s: SeriesRef, requestId: string): Promise<void> {
  await db
    .insert(invoiceSeries)
    .values({ orgId: s.orgId, companyCif: s.cif, seriesName: s.series, blockedByRequestId: requestId, blockedAt: sql`now()` })
    .onConflictDoUpdate({ target: [invoiceSeries.orgId, invoiceSeries.companyCif, invoiceSeries.seriesName], set: { blockedByRequestId: requestId, blockedAt: sql`now()` } });
}

export async function unblockSeries(db: Executor, s: SeriesRef, requestId: string): Promise<void> {
  await db.update(invoiceSeries).set({ blockedByRequestId: null, blockedAt: null }).where(and(pk(s), eq(invoiceSeries.blockedByRequestId, requestId)));
}

export function widthOf(number: string): number | undefined {
  return number.startsWith("0") ? number.length : undefined;
}

/** A document number as SmartBill writes it: zero-padded to the series' width when known. */
export function padNumber(n: number, width: number | null | undefined): string {
  return width ? String(n).padStart(width, "0") : String(n);
}

/** The forms to try for a number whose padding is unknown (SmartBill does not find "7" for "0007"). */
export function numberForms(n: number, width: number | null | undefined): string[] {
  if (width) return [padNumber(n, width)];
  return [...new Set([padNumber(n, 4), String(n), padNumber(n, 3), padNumber(n, 5), padNumber(n, 6)])];
}
