import "server-only";
import type { Executor } from "@/db";
import { countPendingAhead, getBatchSummary, listBatchRequests, type BatchRequestRow, type BatchSummary } from "@/db/queries/invoice-batches";
import { estimateSeconds } from "./bulk-summary";

// What the progress view shows of a bulk run, and what its poll answers (as JSON: dates are strings).

export const BATCH_REQUESTS_SHOWN = 200;

export interface BatchView {
  batch: Omit<BatchSummary, "createdAt" | "cancelledAt"> & { createdAt: string; cancelledAt: string | null };
  /** Nothing of the run is queued or being sent any more. */
  finished: boolean;
  /** Until the run's queued requests are sent, counting those of the school ahead of them. */
  etaSeconds: number;
  requests: BatchRequestRow[];
  requestsCapped: boolean;
}

export async function getBatchView(db: Executor, orgId: string, batchId: string): Promise<BatchView | null> {
  const summary = await getBatchSummary(db, orgId, batchId);
  if (!summary) return null;
  const pending = summary.counts.queued + summary.counts.issuing;
  const ahead = pending > 0 ? await countPendingAhead(db, orgId, batchId, summary.createdAt) : 0;
  const requests = await listBatchRequests(db, orgId, batchId, BATCH_REQUESTS_SHOWN + 1);
  return {
    batch: { ...summary, createdAt: summary.createdAt.toISOString(), cancelledAt: summary.cancelledAt?.toISOString() ?? null },
    finished: pending === 0,
    etaSeconds: estimateSeconds(pending + ahead),
    requests: requests.slice(0, BATCH_REQUESTS_SHOWN),
    requestsCapped: requests.length > BATCH_REQUESTS_SHOWN,
  };
}
