import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Database, Executor, Transaction } from "@/db";
import { listRegistrationIds, type RegistrationFilterParams } from "@/db/queries/registrations";
import { invoiceBatches, invoiceRequests, type InvoiceBatch, type InvoiceRequest, type InvoiceRequestKind, type InvoiceTrigger } from "@/db/schema";
import { writeAudit } from "@/lib/audit";
import { AppError } from "@/lib/errors";
import { lockRegistration } from "@/lib/registrations/recompute";
import { planInvoice, type IssuePlan, type VatLevelChoice } from "./issuer";
import { bulkKey, manualKey } from "./request-key";
import { COUNTED_STATUSES, OPEN_STATUSES } from "./status";

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
  return {
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
    payload: plan.payload as unknown as Record<string, unknown>,
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

/** The Issue button. Returns the request (new, or the one this click or another staff member made). */
export async function createManualRequest(db: Database, c: ManualRequestCommand): Promise<CreatedRequest> {
  const key = manualKey(c.clientRequestId);
  return db.transaction(async (tx) => {
    const same = await findByKey(tx, c.orgId, key);
    if (same) return { request: same, created: false };
    const registration = await lockRegistration(tx, c.orgId, c.registrationId);
    // Re-read under the lock: a concurrent click with this key may have committed meanwhile.
    const again = await findByKey(tx, c.orgId, key);
    if (again) return { request: again, created: false };
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
}

/** Bulk issue: one request per registration with something left to invoice, in one batch. */
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
      return { batch: batch!, created: 0, skipped: batch!.skippedCount, isNew: false };
    }
    let created = 0;
    let skipped = 0;
    for (const registrationId of ids) {
      const registration = await lockRegistration(tx, c.orgId, registrationId);
      const uninvoiced = registration.priceBani - (await invoicedBani(tx, c.orgId, registrationId));
      if (registration.status === "cancelled" || uninvoiced <= 0 || (await findOpenManual(tx, c.orgId, registrationId))) {
        skipped++;
        continue;
      }
      const plan = await planInvoice(tx, c.orgId, { registrationId, amountBani: uninvoiced });
      await insertRequestIn(tx, requestValues(plan, { orgId: c.orgId, key: bulkKey(inserted.id, registrationId), kind: "bulk", trigger: "manual", actorUserId: c.actorUserId, batchId: inserted.id }));
      created++;
    }
    const [batch] = await tx.update(invoiceBatches).set({ skippedCount: skipped }).where(eq(invoiceBatches.id, inserted.id)).returning();
    await writeAudit(tx, {
      orgId: c.orgId,
      actorUserId: c.actorUserId,
      action: "invoice.bulk_requested",
      entityType: "invoice_batch",
      entityId: inserted.id,
      details: { requested: ids.length, created, skipped },
    });
    return { batch: batch!, created, skipped, isNew: true };
  });
}

/** Cancels what a bulk run has not sent yet; returns how many requests were cancelled. */
export async function cancelBatch(db: Database, c: { orgId: string; actorUserId: string | null; batchId: string }): Promise<number> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .update(invoiceRequests)
      .set({ status: "cancelled", updatedAt: sql`now()` })
      .where(and(eq(invoiceRequests.orgId, c.orgId), eq(invoiceRequests.batchId, c.batchId), eq(invoiceRequests.status, "queued")))
      .returning({ id: invoiceRequests.id });
    await tx.update(invoiceBatches).set({ cancelledAt: sql`now()` }).where(and(eq(invoiceBatches.orgId, c.orgId), eq(invoiceBatches.id, c.batchId)));
    await writeAudit(tx, { orgId: c.orgId, actorUserId: c.actorUserId, action: "invoice.bulk_cancelled", entityType: "invoice_batch", entityId: c.batchId, details: { cancelled: rows.length } });
    return rows.length;
  });
}
