import "server-only";
import { and, asc, desc, eq, gte, inArray, sql } from "drizzle-orm";
import type { Executor } from "@/db";
import {
  invoiceAttempts,
  invoiceRequests,
  invoiceSeries,
  invoicingPauses,
  type InvoiceAttempt,
  type InvoiceRequest,
  type InvoicingPause,
} from "@/db/schema";

// Reads of invoice requests, organisation first. Pure reads: nothing here writes.

export async function getInvoiceRequest(db: Executor, orgId: string, requestId: string): Promise<InvoiceRequest | null> {
  const [row] = await db.select().from(invoiceRequests).where(and(eq(invoiceRequests.orgId, orgId), eq(invoiceRequests.id, requestId)));
  return row ?? null;
}

/**
 * A registration's requests, newest first, each with its attempts (oldest first): the timeline's attempt
 * log. `padWidth` is its series' number width as SmartBill writes it (null until known), so an expected
 * number reads like the issued one ("BRS-0024", not "BRS-24").
 */
export async function listRegistrationInvoices(
  db: Executor,
  orgId: string,
  registrationId: string,
): Promise<(InvoiceRequest & { attempts: InvoiceAttempt[]; padWidth: number | null })[]> {
  const requests = await db
    .select({ request: invoiceRequests, padWidth: invoiceSeries.padWidth })
    .from(invoiceRequests)
    .leftJoin(
      invoiceSeries,
      and(eq(invoiceSeries.orgId, invoiceRequests.orgId), eq(invoiceSeries.companyCif, invoiceRequests.companyCif), eq(invoiceSeries.seriesName, invoiceRequests.seriesName)),
    )
    .where(and(eq(invoiceRequests.orgId, orgId), eq(invoiceRequests.registrationId, registrationId)))
    .orderBy(desc(invoiceRequests.createdAt));
  if (!requests.length) return [];
  const attempts = await db
    .select()
    .from(invoiceAttempts)
    .where(and(eq(invoiceAttempts.orgId, orgId), inArray(invoiceAttempts.requestId, requests.map((r) => r.request.id))))
    .orderBy(asc(invoiceAttempts.startedAt));
  return requests.map(({ request: r, padWidth }) => ({ ...r, padWidth, attempts: attempts.filter((a) => a.requestId === r.id) }));
}

export type LatestInvoiceStatus = Pick<InvoiceRequest, "id" | "status" | "issuedSeries" | "issuedNumber" | "needsStorno"> & {
  /** What the registration's requests not failed or cancelled cover (issued or on the way). */
  invoicedBani: number;
  /** Any of its requests still queued or being sent (the badge follows it live). */
  anyPending: boolean;
};

/** For the registrations table's badge: each registration's latest request (status, series-number), in one query. */
export async function listLatestInvoiceStatus(db: Executor, orgId: string, registrationIds: string[]): Promise<Map<string, LatestInvoiceStatus>> {
  if (!registrationIds.length) return new Map();
  const rows = await db
    .selectDistinctOn([invoiceRequests.registrationId], {
      registrationId: invoiceRequests.registrationId,
      id: invoiceRequests.id,
      status: invoiceRequests.status,
      issuedSeries: invoiceRequests.issuedSeries,
      issuedNumber: invoiceRequests.issuedNumber,
      needsStorno: invoiceRequests.needsStorno,
      invoicedBani: sql<number>`(sum(${invoiceRequests.amountBani}) filter (where ${invoiceRequests.status} in ('queued', 'issuing', 'in_doubt', 'issued')) over (partition by ${invoiceRequests.registrationId}))::int`,
      anyPending: sql<boolean>`bool_or(${invoiceRequests.status} in ('queued', 'issuing')) over (partition by ${invoiceRequests.registrationId})`,
    })
    .from(invoiceRequests)
    .where(and(eq(invoiceRequests.orgId, orgId), inArray(invoiceRequests.registrationId, registrationIds)))
    .orderBy(invoiceRequests.registrationId, desc(invoiceRequests.createdAt), desc(invoiceRequests.id));
  return new Map(rows.map(({ registrationId, invoicedBani, ...r }) => [registrationId, { ...r, invoicedBani: Number(invoicedBani ?? 0) }]));
}

/** Invoices Bursar issued since `since` (Settings → Billing's rolling 30 days). */
export async function countIssuedSince(db: Executor, orgId: string, since: Date): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(invoiceRequests)
    .where(and(eq(invoiceRequests.orgId, orgId), eq(invoiceRequests.status, "issued"), gte(invoiceRequests.issuedAt, since)));
  return row?.n ?? 0;
}

export async function getInvoicingPause(db: Executor, orgId: string): Promise<InvoicingPause | null> {
  const [row] = await db.select().from(invoicingPauses).where(eq(invoicingPauses.orgId, orgId));
  return row ?? null;
}

/** The (company, series) pairs with queued requests; orgId null: every organisation (the sweeper). */
export async function getQueuedSeries(db: Executor, orgId: string | null): Promise<{ orgId: string; cif: string; series: string }[]> {
  return db
    .selectDistinct({ orgId: invoiceRequests.orgId, cif: invoiceRequests.companyCif, series: invoiceRequests.seriesName })
    .from(invoiceRequests)
    .where(and(orgId ? eq(invoiceRequests.orgId, orgId) : undefined, eq(invoiceRequests.status, "queued")));
}
