import "server-only";
import type { Executor } from "@/db";
import { countPendingAhead, getBatchSummary, listBatchRequests, secondsOfBackoff, type BatchRequestRow, type BatchSummary } from "@/db/queries/invoice-batches";
import { getInvoicingPause } from "@/db/queries/invoices";
import { estimateSeconds } from "./bulk-summary";

// What the progress view shows of a bulk run, and what its poll answers (as JSON: dates are strings).

export const BATCH_REQUESTS_SHOWN = 200;

export interface BatchView {
  batch: Omit<BatchSummary, "createdAt" | "cancelledAt"> & { createdAt: string; cancelledAt: string | null };
  /** Nothing of the run is queued or being sent any more. */
  finished: boolean;
  /**
   * Until the run's queued requests are sent: those of the school ahead of them count, and so does a
   * wait SmartBill asked for (a request put back until its not_before).
   */
  etaSeconds: number;
  /** Issuing is paused for the school (the prepaid package ran out): no time can be promised. */
  paused: boolean;
  requests: BatchRequestRow[];
  requestsCapped: boolean;
}

export async function getBatchView(db: Executor, orgId: string, batchId: string): Promise<BatchView | null> {
  const summary = await getBatchSummary(db, orgId, batchId);
  if (!summary) return null;
  const pending = summary.counts.queued + summary.counts.issuing;
  const [ahead, backoff, pause] = pending > 0
    ? await Promise.all([countPendingAhead(db, orgId, batchId, summary.createdAt), secondsOfBackoff(db, orgId), getInvoicingPause(db, orgId)])
    : [0, 0, null];
  const requests = await listBatchRequests(db, orgId, batchId, BATCH_REQUESTS_SHOWN + 1);
  return {
    batch: { ...summary, createdAt: summary.createdAt.toISOString(), cancelledAt: summary.cancelledAt?.toISOString() ?? null },
    finished: pending === 0,
    etaSeconds: backoff + estimateSeconds(pending + ahead),
    paused: pause !== null,
    requests: requests.slice(0, BATCH_REQUESTS_SHOWN),
    requestsCapped: requests.length > BATCH_REQUESTS_SHOWN,
  };
}
