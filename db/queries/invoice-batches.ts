import "server-only";
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { Executor } from "@/db";
import { invoiceBatches, invoiceRequests, registrations, users, type InvoiceRequestStatus } from "@/db/schema";

// Reads for bulk issue (the confirm dialog's summary and the progress view), organisation first.

/** Ids as one array parameter: "all N matching" may be far more ids than a statement takes parameters. */
function idArray(ids: readonly string[]) {
  return sql`string_to_array(${ids.join(",")}, ',')::uuid[]`;
}

export interface BulkCandidate {
  id: string;
  courseId: string;
  cancelled: boolean;
  priceBani: number;
  /** What requests not failed or cancelled already cover (issued or on the way). */
  invoicedBani: number;
  /** A manual or bulk request is queued, issuing or in doubt for it. */
  open: boolean;
}

/** The registrations among `ids` that belong to the organisation, with what is invoiced on each. */
export async function listBulkCandidates(db: Executor, orgId: string, ids: readonly string[]): Promise<BulkCandidate[]> {
  if (!ids.length) return [];
  const r = registrations;
  const rows = await db
    .select({
      id: r.id,
      courseId: r.courseId,
      status: r.status,
      priceBani: r.priceBani,
      // Spelled out: inside a select list drizzle leaves columns unqualified, and "id" would bind to the subquery's table.
      invoicedBani: sql<string>`coalesce((select sum(x.amount_bani) from invoice_requests x where x.org_id = ${orgId}
        and x.registration_id = registrations.id and x.status in ('queued', 'issuing', 'in_doubt', 'issued')), 0)`,
      open: sql<boolean>`exists (select 1 from invoice_requests x where x.org_id = ${orgId} and x.registration_id = registrations.id
        and x.kind in ('manual', 'bulk') and x.status in ('queued', 'issuing', 'in_doubt'))`,
    })
    .from(r)
    .where(and(eq(r.orgId, orgId), sql`${r.id} = any(${idArray(ids)})`));
  return rows.map((x) => ({ id: x.id, courseId: x.courseId, cancelled: x.status === "cancelled", priceBani: x.priceBani, invoicedBani: Number(x.invoicedBani), open: x.open }));
}

/** Requests of the organisation waiting to be sent (any batch, manual or automatic): ahead of a new bulk run. */
export async function countPendingRequests(db: Executor, orgId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(invoiceRequests)
    .where(and(eq(invoiceRequests.orgId, orgId), inArray(invoiceRequests.status, ["queued", "issuing"])));
  return row?.n ?? 0;
}

/** Requests of the organisation waiting to be sent ahead of a batch: higher priority, or created before it. */
export async function countPendingAhead(db: Executor, orgId: string, batchId: string, batchCreatedAt: Date): Promise<number> {
  const ir = invoiceRequests;
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(ir)
    .where(
      and(
        eq(ir.orgId, orgId),
        inArray(ir.status, ["queued", "issuing"]),
        sql`${ir.batchId} is distinct from ${batchId}`,
        sql`(${ir.priority} > 0 or ${ir.createdAt} < ${batchCreatedAt.toISOString()}::timestamptz)`,
      ),
    );
  return row?.n ?? 0;
}

export type BatchCounts = Record<InvoiceRequestStatus, number>;

export interface BatchSummary {
  id: string;
  createdAt: Date;
  cancelledAt: Date | null;
  createdByName: string | null;
  requestedCount: number;
  skippedCount: number;
  counts: BatchCounts;
}

const EMPTY_COUNTS: BatchCounts = { queued: 0, issuing: 0, issued: 0, failed: 0, in_doubt: 0, cancelled: 0 };

function batchColumns() {
  return {
    id: invoiceBatches.id,
    createdAt: invoiceBatches.createdAt,
    cancelledAt: invoiceBatches.cancelledAt,
    createdByName: users.name,
    requestedCount: invoiceBatches.requestedCount,
    skippedCount: invoiceBatches.skippedCount,
  };
}

async function withCounts(db: Executor, orgId: string, batches: Omit<BatchSummary, "counts">[]): Promise<BatchSummary[]> {
  if (!batches.length) return [];
  const rows = await db
    .select({ batchId: invoiceRequests.batchId, status: invoiceRequests.status, n: sql<number>`count(*)::int` })
    .from(invoiceRequests)
    .where(and(eq(invoiceRequests.orgId, orgId), inArray(invoiceRequests.batchId, batches.map((b) => b.id))))
    .groupBy(invoiceRequests.batchId, invoiceRequests.status);
  return batches.map((b) => {
    const counts = { ...EMPTY_COUNTS };
    for (const r of rows) if (r.batchId === b.id) counts[r.status] = r.n;
    return { ...b, counts };
  });
}

/** One batch with its counts by status and who started it; null for another organisation's id. */
export async function getBatchSummary(db: Executor, orgId: string, batchId: string): Promise<BatchSummary | null> {
  const [batch] = await db
    .select(batchColumns())
    .from(invoiceBatches)
    .leftJoin(users, eq(users.id, invoiceBatches.createdBy))
    .where(and(eq(invoiceBatches.orgId, orgId), eq(invoiceBatches.id, batchId)));
  if (!batch) return null;
  return (await withCounts(db, orgId, [batch]))[0]!;
}

/** The organisation's latest batches, newest first. */
export async function listRecentBatches(db: Executor, orgId: string, limit = 20): Promise<BatchSummary[]> {
  const batches = await db
    .select(batchColumns())
    .from(invoiceBatches)
    .leftJoin(users, eq(users.id, invoiceBatches.createdBy))
    .where(eq(invoiceBatches.orgId, orgId))
    .orderBy(desc(invoiceBatches.createdAt))
    .limit(limit);
  return withCounts(db, orgId, batches);
}

export interface BatchRequestRow {
  id: string;
  registrationId: string;
  reference: string;
  participantName: string;
  clientName: string;
  amountBani: number;
  status: InvoiceRequestStatus;
  seriesName: string;
  issuedSeries: string | null;
  issuedNumber: string | null;
  failureType: string | null;
}

/** A batch's requests: those needing attention first (failed, in doubt), then being sent, then by reference; capped. */
export async function listBatchRequests(db: Executor, orgId: string, batchId: string, limit = 200): Promise<BatchRequestRow[]> {
  const ir = invoiceRequests;
  return db
    .select({
      id: ir.id,
      registrationId: ir.registrationId,
      reference: registrations.reference,
      participantName: registrations.participantName,
      clientName: registrations.clientName,
      amountBani: ir.amountBani,
      status: ir.status,
      seriesName: ir.seriesName,
      issuedSeries: ir.issuedSeries,
      issuedNumber: ir.issuedNumber,
      failureType: ir.failureType,
    })
    .from(ir)
    .innerJoin(registrations, and(eq(registrations.orgId, orgId), eq(registrations.id, ir.registrationId)))
    .where(and(eq(ir.orgId, orgId), eq(ir.batchId, batchId)))
    .orderBy(sql`case ${ir.status} when 'failed' then 0 when 'in_doubt' then 1 when 'issuing' then 2 else 3 end`, asc(registrations.reference), asc(ir.id))
    .limit(limit);
}

/**
 * Seconds until the school's last queued request may be sent: a request put back after SmartBill said
 * "too many calls" or was unavailable waits for its not_before, and the drain waits with it.
 */
export async function secondsOfBackoff(db: Executor, orgId: string): Promise<number> {
  const ir = invoiceRequests;
  const [row] = await db
    .select({ s: sql<number>`coalesce(ceil(extract(epoch from max(${ir.notBefore}) - now())), 0)::int` })
    .from(ir)
    .where(and(eq(ir.orgId, orgId), eq(ir.status, "queued")));
  return Math.max(0, row?.s ?? 0);
}
