import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Executor } from "@/db";
import { invoiceSeries, type InvoiceSeriesRow } from "@/db/schema";

// ONE create in flight per (company, series). A drainer holds the series with a lease (holder,
// held_until); the request being sent is in_flight_request_id, which an in_doubt request keeps until it
// is reconciled, so the number it expected stays provable.

export interface SeriesRef {
  orgId: string;
  cif: string;
  series: string;
}

const pk = (s: SeriesRef) => and(eq(invoiceSeries.orgId, s.orgId), eq(invoiceSeries.companyCif, s.cif), eq(invoiceSeries.seriesName, s.series));

/** Claims the series for this drainer; null when another drainer or an in_doubt request holds it. */
export async function claimSeries(db: Executor, s: SeriesRef, drainerId: string, leaseMs: number): Promise<InvoiceSeriesRow | null> {
  await db.insert(invoiceSeries).values({ orgId: s.orgId, companyCif: s.cif, seriesName: s.series }).onConflictDoNothing();
  const [row] = await db
    .update(invoiceSeries)
    .set({ holder: drainerId, heldUntil: sql`now() + make_interval(secs => ${leaseMs / 1000})` })
    .where(and(pk(s), sql`${invoiceSeries.inFlightRequestId} is null`, sql`(${invoiceSeries.holder} is null or ${invoiceSeries.heldUntil} < now())`))
    .returning();
  return row ?? null;
}

/** Renews this drainer's hold; false when it was lost (the lease ran out and another took it). */
export async function renewSeries(db: Executor, s: SeriesRef, drainerId: string, leaseMs: number): Promise<InvoiceSeriesRow | null> {
  const [row] = await db
    .update(invoiceSeries)
    .set({ heldUntil: sql`now() + make_interval(secs => ${leaseMs / 1000})` })
    .where(and(pk(s), eq(invoiceSeries.holder, drainerId)))
    .returning();
  return row ?? null;
}

export async function releaseSeries(db: Executor, s: SeriesRef, drainerId: string): Promise<void> {
  await db.update(invoiceSeries).set({ holder: null, heldUntil: null }).where(and(pk(s), eq(invoiceSeries.holder, drainerId)));
}

export async function setInFlight(db: Executor, s: SeriesRef, requestId: string | null): Promise<void> {
  await db
    .update(invoiceSeries)
    .set({ inFlightRequestId: requestId, inFlightSince: requestId ? sql`now()` : null })
    .where(pk(s));
}

/** Clears the in-flight request only if it is this one (reconcile, or a definite answer). */
export async function clearInFlight(db: Executor, s: SeriesRef, requestId: string): Promise<void> {
  await db.update(invoiceSeries).set({ inFlightRequestId: null, inFlightSince: null }).where(and(pk(s), eq(invoiceSeries.inFlightRequestId, requestId)));
}

export async function storeNextNumber(db: Executor, s: SeriesRef, next: number, padWidth?: number): Promise<void> {
  await db
    .update(invoiceSeries)
    .set({ nextNumber: next, knownAt: sql`now()`, ...(padWidth ? { padWidth } : {}) })
    .where(pk(s));
}

export async function getSeries(db: Executor, s: SeriesRef): Promise<InvoiceSeriesRow | null> {
  const [row] = await db.select().from(invoiceSeries).where(pk(s));
  return row ?? null;
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
