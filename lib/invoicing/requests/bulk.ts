import "server-only";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "@/db";
import { listRegistrationIds, type RegistrationFilterParams } from "@/db/queries/registrations";
import { invoiceBatches, invoiceRequests, registrations, type InvoiceBatch } from "@/db/schema";
import { writeAudit } from "@/lib/audit";
import { AppError } from "@/lib/errors";
import { planInvoices } from "../documents/issuer";
import { moveRequests } from "../engine/status";
import { bulkKey } from "./keys";
import { COUNTED_STATUSES, OPEN_STATUSES } from "../constants";
import { requestValues } from "./shared";

export interface BulkRequestCommand {
  orgId: string;
  actorUserId: string | null;
  /** Made once by the confirm dialog: a double-clicked Confirm makes one batch. */
  clientBatchId: string;
  /** Selected rows, or "all N matching this filter". */
  selection: { ids: string[] } | { filter: RegistrationFilterParams };
  /**
   * How many invoices the person confirmed (the summary's `toInvoice`). The action always sends it: if
   * the selection would now make another number, nothing is queued and they are asked to confirm again.
   */
  confirmedCount?: number;
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
    // Throwing rolls the batch row back too: the same Confirm can be sent again after a new summary.
    if (c.confirmedCount !== undefined && due.length !== c.confirmedCount) throw new AppError("conflict", "invoiceBulk.errors.countChanged");
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
