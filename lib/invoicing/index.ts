import "server-only";

// lib/invoicing's doorway: what app/ and lib/jobs may call (a lint rule keeps them to it; constants.ts
// and schemas.ts are imported directly, client code included). The rooms behind it:
//   engine/     the one status writer (status.ts), claim, drain, record, the mark, proof by reading the
//               documents (prove.ts), reconcile, alarms, the issuing pause
//   requests/   the ways requests are made: manual (and its dialog), bulk, automatic (payment triggers), retry
//   documents/  what SmartBill receives and prints: payload, lines, totals, issuer (profile → series →
//               VAT level), the PDF, the setup's test draft
//   views/      read models for screens: preview, bulk summary, batch progress, reconcile evidence
export type { InvoicingDeps } from "./deps";
export { resolved } from "./deps";

export { drainSeries, type DrainResult, type DrainStop } from "./engine/drain";
export { MAX_IN_FLIGHT, schoolAtCapacity } from "./engine/claim";
export { graceEndsAt, linkInvoice, markNotCreated, reconcileRequest, sweepExpiredLeases, type ReconcileOutcome } from "./engine/reconcile";
export { failureOfType } from "./engine/failures";
export { markText } from "./engine/mark";
export { resolveAlarm } from "./engine/alarms";
export { resumeIssuing } from "./engine/pause";

export { createManualRequest } from "./requests/manual";
export { issueManualInvoice, previewManualInvoice, type InvoicePreviewView } from "./requests/issue-dialog";
export { cancelBatch, createBulkRequests } from "./requests/bulk";
export { invoicingTriggers } from "./requests/automatic";
export { retryFailedRequests, retryRequest } from "./requests/retry";

export { getIssuedInvoicePdf } from "./documents/pdf";
export { issueTestDraft } from "./documents/test-draft";

export { getBatchView, type BatchView } from "./views/batch";
export { summarizeBulk, type BulkSelection } from "./views/bulk-summary";
export { listReconcileCases, type ReconcileCase } from "./views/evidence";
