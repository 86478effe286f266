"use server";

import { revalidatePath } from "next/cache";
import { db } from "@/db";
import { getBatchSummary } from "@/db/queries/invoice-batches";
import { AppError } from "@/lib/errors";
import { bulkIssueSummarySchema, cancelBulkIssueSchema, startBulkIssueSchema, type BulkSelectionInput } from "@/lib/invoicing/schemas";
import { summarizeBulk, type BulkSelection, cancelBatch, createBulkRequests } from "@/lib/invoicing";
import { wakeQueuedInvoices } from "@/lib/jobs/enqueue";
import { memberAction } from "@/lib/safe-action";

// Bulk issue from the registrations table: the confirm dialog's summary, the start, and the cancel of
// what is still queued. "All N matching" arrives as the filter, parsed strictly (a bad key is refused,
// never dropped): the ids are re-read here, on the server. The start carries the count the person
// confirmed, and nothing is queued if the selection now makes another.

function selectionOf(s: BulkSelectionInput): BulkSelection {
  return "ids" in s ? { ids: s.ids } : { filter: s.all };
}

export const bulkIssueSummaryAction = memberAction(
  { name: "bulkIssueSummary", schema: bulkIssueSummarySchema, permission: "issueInvoices" },
  async ({ selection }, ctx) => summarizeBulk(db, ctx.orgId, selectionOf(selection)),
);

export const startBulkIssueAction = memberAction(
  { name: "startBulkIssue", schema: startBulkIssueSchema, permission: "issueInvoices" },
  async ({ clientBatchId, selection, confirmedCount }, ctx) => {
    const result = await createBulkRequests(db, { orgId: ctx.orgId, actorUserId: ctx.user.id, clientBatchId, selection: selectionOf(selection), confirmedCount });
    // The requests are committed: wake their series now rather than at the sweeper's next pass.
    await wakeQueuedInvoices(db, ctx.orgId);
    revalidatePath("/registrations");
    return { batchId: result.batch.id, created: result.created, skipped: result.skipped };
  },
);

export const cancelBulkIssueAction = memberAction(
  { name: "cancelBulkIssue", schema: cancelBulkIssueSchema, permission: "issueInvoices" },
  async ({ batchId }, ctx) => {
    if (!(await getBatchSummary(db, ctx.orgId, batchId))) throw new AppError("not_found", "invoiceBulk.errors.batchNotFound");
    const cancelled = await cancelBatch(db, { orgId: ctx.orgId, actorUserId: ctx.user.id, batchId });
    revalidatePath("/registrations");
    return { cancelled };
  },
);
