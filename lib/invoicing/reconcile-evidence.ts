import "server-only";
import { countInbox, listAttemptsOf, listInboxRequests, type InboxRow } from "@/db/queries/invoice-inbox";
import type { InvoiceAttempt, ReconcileEvidence } from "@/db/schema";
import { logError } from "@/lib/log";
import type { SmartBillCredentials } from "@/lib/smartbill";
import type { InvoicingDeps } from "./deps";
import { credsFor, totalOf } from "./engine/reconcile";
import { getSeries, padNumber } from "./engine/series";

// What the reconcile view shows a person for each in_doubt request: what Bursar expected, what SmartBill
// says NOW (the series' next number, live), and the invoice that holds the expected number, if any, with
// its total. Read-only: deciding stays with reconcileRequest (automatic) or linkInvoice/markNotCreated.

export interface ReconcileCase extends InboxRow {
  /** The series number expected for the send (digits), null when it was never known. */
  expectedNumber: string | null;
  /** The number to prefill in "Link": the expected one, zero-padded as SmartBill writes it when known. */
  suggestedNumber: string | null;
  /** The series' next number in SmartBill now; null when SmartBill could not say. */
  nextNumberNow: number | null;
  /** The invoice at the expected number, when the series moved past it: found (total), not found, or unknown. */
  candidate: { number: string; state: "found" | "not_found" | "unknown"; totalBani: number | null } | null;
  /** When the ambiguous create was sent (the last attempt's start). */
  sentAt: Date | null;
  attempts: InvoiceAttempt[];
  /** The worker's last automatic check, if any. */
  stored: ReconcileEvidence | null;
}

/** Live evidence for the school's in_doubt requests (newest first, at most `limit`) and how many there are. */
export async function gatherReconcileEvidence(deps: InvoicingDeps, orgId: string, opts: { limit?: number } = {}): Promise<{ cases: ReconcileCase[]; total: number }> {
  const [rows, counts] = await Promise.all([listInboxRequests(deps.db, orgId, "in_doubt", { limit: opts.limit ?? 50 }), countInbox(deps.db, orgId)]);
  const attempts = await listAttemptsOf(deps.db, orgId, rows.map((r) => r.request.id));
  // One GET /series per company (the requests of a school usually share one); every call is rate-limited.
  const nextByCif = new Map<string, Promise<{ creds: SmartBillCredentials; next: Map<string, number> } | null>>();
  const seriesOf = (row: InboxRow) => {
    const cif = row.request.companyCif;
    if (!nextByCif.has(cif)) {
      nextByCif.set(
        cif,
        (async () => {
          const creds = await credsFor(deps.db, row.request);
          const list = await deps.sb.series.list(creds, { type: "f" });
          return { creds, next: new Map(list.map((s) => [s.name, s.nextNumber])) };
        })().catch((e: unknown) => {
          logError("invoicing.reconcileEvidence.series", e);
          return null;
        }),
      );
    }
    return nextByCif.get(cif)!;
  };

  const cases: ReconcileCase[] = [];
  for (const row of rows) {
    const r = row.request;
    const list = attempts.get(r.id) ?? [];
    const live = await seriesOf(row);
    const nextNumberNow = live?.next.get(r.seriesName) ?? null;
    const expected = r.expectedNumber === null ? null : Number(r.expectedNumber);
    const held = await getSeries(deps.db, { orgId, cif: r.companyCif, series: r.seriesName });
    const width = held?.padWidth ?? null;
    let candidate: ReconcileCase["candidate"] = null;
    if (live && expected !== null && nextNumberNow !== null && nextNumberNow > expected) {
      try {
        const found = await totalOf(deps, live.creds, r.seriesName, expected, width);
        candidate = found ? { number: found.number, state: "found", totalBani: found.totalBani } : { number: padNumber(expected, width), state: "not_found", totalBani: null };
      } catch (e) {
        logError("invoicing.reconcileEvidence.paymentStatus", e);
        candidate = { number: padNumber(expected, width), state: "unknown", totalBani: null };
      }
    }
    cases.push({
      ...row,
      expectedNumber: r.expectedNumber,
      suggestedNumber: candidate?.number ?? (expected === null ? null : padNumber(expected, width)),
      nextNumberNow,
      candidate,
      sentAt: list.at(-1)?.startedAt ?? r.lastAttemptAt ?? null,
      attempts: list,
      stored: r.evidence ?? null,
    });
  }
  return { cases, total: counts.inDoubt };
}
