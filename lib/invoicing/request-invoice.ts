import "server-only";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Database, Executor, Transaction } from "@/db";
import { listRegistrationIds, type RegistrationFilterParams } from "@/db/queries/registrations";
import { invoiceBatches, invoiceRequests, registrations, type InvoiceBatch, type InvoiceRequest, type InvoiceRequestKind, type InvoiceTrigger } from "@/db/schema";
import { writeAudit } from "@/lib/audit";
import { AppError } from "@/lib/errors";
import { lockRegistration } from "@/lib/registrations/recompute";
import { planInvoice, planInvoices, type IssuePlan, type VatLevelChoice } from "./issuer";
import { newMarkCode, withMark } from "./engine/mark";
import { moveRequests } from "./engine/status";
import { bulkKey, manualKey } from "./request-key";
import { COUNTED_STATUSES, OPEN_STATUSES } from "./constants";

// Creating invoice requests. Each one is inserted under the registration's row lock with a unique key,
// so a double click, two staff members or two instances make one request; the amount is checked
// against what is not yet invoiced (price − requests not failed or cancelled) in the same transaction.

export const PRIORITY = { manual: 10, automatic: 5, bulk: 0 } as const;

export interface CreatedRequest {
  request: InvoiceRequest;
  /** false: an existing request was returned (same key, or one already open for the registration). */
  created: boolean;
}

/** What requests not failed or cancelled already cover (issued or on the way). */
export async function invoicedBani(db: Executor, orgId: string, registrationId: string): Promise<number> {
  const [row] = await db
    .select({ sum: sql<string>`coalesce(sum(${invoiceRequests.amountBani}), 0)` })
    .from(invoiceRequests)
    .where(and(eq(invoiceRequests.orgId, orgId), eq(invoiceRequests.registrationId, registrationId), inArray(invoiceRequests.status, [...COUNTED_STATUSES])));
  return Number(row?.sum ?? 0);
}

async function findByKey(db: Executor, orgId: string, key: string): Promise<InvoiceRequest | null> {
  const [row] = await db.select().from(invoiceRequests).where(and(eq(invoiceRequests.orgId, orgId), eq(invoiceRequests.requestKey, key)));
  return row ?? null;
}

async function findOpenManual(db: Executor, orgId: string, registrationId: string): Promise<InvoiceRequest | null> {
  const [row] = await db
    .select()
    .from(invoiceRequests)
    .where(
      and(
        eq(invoiceRequests.orgId, orgId),
        eq(invoiceRequests.registrationId, registrationId),
        inArray(invoiceRequests.kind, ["manual", "bulk"]),
        inArray(invoiceRequests.status, [...OPEN_STATUSES]),
      ),
    );
  return row ?? null;
}

export function requestValues(plan: IssuePlan, r: { orgId: string; key: string; kind: InvoiceRequestKind; trigger: InvoiceTrigger; actorUserId: string | null; paymentId?: string | null; batchId?: string | null; vatOverride?: VatLevelChoice | null }) {
  // The request's mark, printed on its document: what proves later that the document is this request's.
  const mark = newMarkCode();
  return {
    mark,
    orgId: r.orgId,
    registrationId: plan.registrationId,
    requestKey: r.key,
    kind: r.kind,
    trigger: r.trigger,
    paymentId: r.paymentId ?? null,
    batchId: r.batchId ?? null,
    priority: PRIORITY[r.kind],
    amountBani: plan.amountBani,
    billingProfileId: plan.profile.id,
    companyCif: plan.companyCif,
    seriesName: plan.seriesName,
    vatName: plan.vat?.name ?? null,
    vatPercent: plan.vat ? String(plan.vat.percentage) : null,
    vatOverride: r.vatOverride ?? null,
    payload: { ...plan.payload, mentions: withMark(plan.payload.mentions, mark) } as unknown as Record<string, unknown>,
    totalBani: plan.totals.totalBani,
    netBani: plan.totals.netBani,
    vatBani: plan.totals.vatBani,
    createdBy: r.actorUserId,
  };
}

export async function insertRequestIn(tx: Transaction, values: ReturnType<typeof requestValues>): Promise<CreatedRequest> {
  const [row] = await tx.insert(invoiceRequests).values(values).onConflictDoNothing({ target: [invoiceRequests.orgId, invoiceRequests.requestKey] }).returning();
  if (row) return { request: row, created: true };
  return { request: (await findByKey(tx, values.orgId, values.requestKey))!, created: false };
}

export interface ManualRequestCommand {
  orgId: string;
  actorUserId: string | null;
  registrationId: string;
  /** Made once by the preview dialog (a uuid): a double click sends the same one. */
  clientRequestId: string;
  /** Default: the uninvoiced balance. */
  amountBani?: number;
  vatOverride?: VatLevelChoice | null;
}

/**
 * A clientRequestId names one click on one registration's Issue: the same again is that click repeated
 * (its request is returned), but the same id for another registration is a misuse, never that request.
 */
function sameClick(request: InvoiceRequest, registrationId: string): CreatedRequest {
  if (request.registrationId !== registrationId) throw new AppError("conflict", "invoicing.errors.requestIdReused");
  return { request, created: false };
}

/** The Issue button. Returns the request (new, or the one this click or another staff member made). */
export async function createManualRequest(db: Database, c: ManualRequestCommand): Promise<CreatedRequest> {
  const key = manualKey(c.clientRequestId);
  return db.transaction(async (tx) => {
    const same = await findByKey(tx, c.orgId, key);
    if (same) return sameClick(same, c.registrationId);
    const registration = await lockRegistration(tx, c.orgId, c.registrationId);
    // Re-read under the lock: a concurrent click with this key may have committed meanwhile.
    const again = await findByKey(tx, c.orgId, key);
    if (again) return sameClick(again, c.registrationId);
    if (registration.status === "cancelled") throw new AppError("conflict", "invoicing.errors.registrationCancelled");
    const open = await findOpenManual(tx, c.orgId, c.registrationId);
    if (open) return { request: open, created: false };
    const uninvoiced = registration.priceBani - (await invoicedBani(tx, c.orgId, c.registrationId));
    if (uninvoiced <= 0) throw new AppError("conflict", "invoicing.errors.alreadyInvoiced");
    const amount = c.amountBani ?? uninvoiced;
    if (!Number.isSafeInteger(amount) || amount <= 0) throw new AppError("validation", "invoicing.errors.amountInvalid");
    if (amount > uninvoiced) throw new AppError("conflict", "invoicing.errors.amountAboveBalance");
    const plan = await planInvoice(tx, c.orgId, { registrationId: c.registrationId, amountBani: amount, vatOverride: c.vatOverride });
    const result = await insertRequestIn(tx, requestValues(plan, { orgId: c.orgId, key, kind: "manual", trigger: "manual", actorUserId: c.actorUserId, vatOverride: c.vatOverride }));
    // The key taken meanwhile by a request for another registration (which holds another row lock).
    if (!result.created) return sameClick(result.request, c.registrationId);
    if (result.created) {
      await writeAudit(tx, {
        orgId: c.orgId,
        actorUserId: c.actorUserId,
        action: "invoice.requested",
        entityType: "invoice_request",
        entityId: result.request.id,
        details: { registrationId: c.registrationId, amountBani: amount, seriesName: plan.seriesName, kind: "manual" },
      });
    }
    return result;
  });
}

export interface BulkRequestCommand {
  orgId: string;
  actorUserId: string | null;
  /** Made once by the confirm dialog: a double-clicked Confirm makes one batch. */
  clientBatchId: string;
  /** Selected rows, or "all N matching this filter". */
  selection: { ids: string[] } | { filter: RegistrationFilterParams };
}

export interface BulkRequestResult {
  batch: InvoiceBatch;
  created: number;
  /** Already invoiced (nothing left to invoice), being invoiced, or cancelled. */
  skipped: number;
  /** false: this clientBatchId had made the batch already; nothing new was created. */
  isNew: boolean;
  /** The (company, series) the new requests went to: wake a drain for each after the commit. */
  series: { orgId: string; cif: string; series: string }[];
}

// Statements carry at most this many ids (PostgreSQL allows 65,535 parameters per statement).
const CHUNK = 5_000;
const chunks = <T>(xs: readonly T[], n = CHUNK): T[][] => Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, (i + 1) * n));

/**
 * Bulk issue: one request per registration with something left to invoice, in one batch. Set-based:
 * a handful of statements whatever the size (lock the rows in id order, read what each has requested,
 * plan, one multi-row insert per 5,000), with the single Issue's guarantees: the rows stay locked
 * until commit, so the balances read are the ones the requests are checked against, and an open
 * request made meanwhile by a click waits for us and then sees ours.
 */
export async function createBulkRequests(db: Database, c: BulkRequestCommand): Promise<BulkRequestResult> {
  const ids = "ids" in c.selection ? [...new Set(c.selection.ids)] : await listRegistrationIds(db, c.orgId, c.selection.filter);
  // Lock order: by id, so two bulk runs over overlapping rows cannot deadlock.
  ids.sort();
  return db.transaction(async (tx) => {
    const [inserted] = await tx
      .insert(invoiceBatches)
      .values({ orgId: c.orgId, clientBatchId: c.clientBatchId, requestedCount: ids.length, createdBy: c.actorUserId })
      .onConflictDoNothing({ target: [invoiceBatches.orgId, invoiceBatches.clientBatchId] })
      .returning();
    if (!inserted) {
      const [batch] = await tx.select().from(invoiceBatches).where(and(eq(invoiceBatches.orgId, c.orgId), eq(invoiceBatches.clientBatchId, c.clientBatchId)));
      const series = await tx
        .selectDistinct({ orgId: invoiceRequests.orgId, cif: invoiceRequests.companyCif, series: invoiceRequests.seriesName })
        .from(invoiceRequests)
        .where(and(eq(invoiceRequests.orgId, c.orgId), eq(invoiceRequests.batchId, batch!.id)));
      return { batch: batch!, created: 0, skipped: batch!.skippedCount, isNew: false, series };
    }
    const locked: { id: string; priceBani: number; status: string }[] = [];
    for (const part of chunks(ids)) {
      locked.push(
        ...(await tx
          .select({ id: registrations.id, priceBani: registrations.priceBani, status: registrations.status })
          .from(registrations)
          .where(and(eq(registrations.orgId, c.orgId), inArray(registrations.id, part)))
          .orderBy(asc(registrations.id))
          .for("update")),
      );
    }
    if (locked.length !== ids.length) throw new AppError("not_found", "registrationErrors.errors.registrationNotFound");
    const requested = new Map<string, { invoiced: number; open: boolean }>();
    for (const part of chunks(ids)) {
      const rows = await tx
        .select({
          registrationId: invoiceRequests.registrationId,
          invoiced: sql<string>`coalesce(sum(${invoiceRequests.amountBani}) filter (where ${inArray(invoiceRequests.status, [...COUNTED_STATUSES])}), 0)`,
          open: sql<boolean>`coalesce(bool_or(${and(inArray(invoiceRequests.kind, ["manual", "bulk"]), inArray(invoiceRequests.status, [...OPEN_STATUSES]))}), false)`,
        })
        .from(invoiceRequests)
        .where(and(eq(invoiceRequests.orgId, c.orgId), inArray(invoiceRequests.registrationId, part)))
        .groupBy(invoiceRequests.registrationId);
      for (const r of rows) requested.set(r.registrationId, { invoiced: Number(r.invoiced), open: r.open });
    }
    const due = locked.flatMap((r) => {
      const q = requested.get(r.id) ?? { invoiced: 0, open: false };
      const uninvoiced = r.priceBani - q.invoiced;
      return r.status === "cancelled" || uninvoiced <= 0 || q.open ? [] : [{ registrationId: r.id, amountBani: uninvoiced }];
    });
    const plans = await planInvoices(tx, c.orgId, due);
    let created = 0;
    for (const part of chunks(plans, 500)) {
      const values = part.map((plan) => requestValues(plan, { orgId: c.orgId, key: bulkKey(inserted.id, plan.registrationId), kind: "bulk", trigger: "manual", actorUserId: c.actorUserId, batchId: inserted.id }));
      const rows = await tx.insert(invoiceRequests).values(values).onConflictDoNothing({ target: [invoiceRequests.orgId, invoiceRequests.requestKey] }).returning({ id: invoiceRequests.id });
      created += rows.length;
    }
    const skipped = ids.length - created;
    const [batch] = await tx.update(invoiceBatches).set({ skippedCount: skipped }).where(eq(invoiceBatches.id, inserted.id)).returning();
    await writeAudit(tx, {
      orgId: c.orgId,
      actorUserId: c.actorUserId,
      action: "invoice.bulk_requested",
      entityType: "invoice_batch",
      entityId: inserted.id,
      details: { requested: ids.length, created, skipped },
    });
    const series = [...new Map(plans.map((p) => [`${p.companyCif}\u0000${p.seriesName}`, { orgId: c.orgId, cif: p.companyCif, series: p.seriesName }])).values()];
    return { batch: batch!, created, skipped, isNew: true, series };
  });
}

/** Cancels what a bulk run has not sent yet; returns how many requests were cancelled. */
export async function cancelBatch(db: Database, c: { orgId: string; actorUserId: string | null; batchId: string }): Promise<number> {
  return db.transaction(async (tx) => {
    const rows = await moveRequests(tx, { orgId: c.orgId, move: "cancelQueued", where: eq(invoiceRequests.batchId, c.batchId) });
    await tx.update(invoiceBatches).set({ cancelledAt: sql`now()` }).where(and(eq(invoiceBatches.orgId, c.orgId), eq(invoiceBatches.id, c.batchId)));
    await writeAudit(tx, { orgId: c.orgId, actorUserId: c.actorUserId, action: "invoice.bulk_cancelled", entityType: "invoice_batch", entityId: c.batchId, details: { cancelled: rows.length } });
    return rows.length;
  });
}
