import "server-only";
import { countInbox, listAttemptsOf, listInboxRequests, type InboxRow } from "@/db/queries/invoice-inbox";
import type { InvoiceAttempt, InvoiceRequest, ProofCandidate, ReconcileEvidence } from "@/db/schema";
import type { InvoicingDeps } from "../deps";
import { graceEndsAt } from "../engine/reconcile";
import { getSeries, padNumber } from "../engine/series";

// What the reconcile view shows a person for each in_doubt request: its mark, what Bursar read when it
// last checked (the evidence reconcile stored: one row per candidate document) and when its grace period
// ends. Read from the database only: the page asks SmartBill nothing. A fresh read is the person's
// "Check again" (reconcileRequest), "Link" (linkInvoice) or "Not created" (markNotCreated).

/** What the last evidence allows a person to do, and how to read it (pure: no database, no clock but `now`). */
export interface ReconcileFacts {
  /** The numbers of the documents that carry this request's mark (two or more: a duplicate). */
  ownNumbers: string[];
  /** The number to prefill in "Link": the first document with this request's mark, if any. */
  suggestedNumber: string | null;
  /** How many candidates could not be read at the last check. */
  unreadable: number;
  /** The grace period is still running: a late create may still land, so nothing is decided yet. */
  inGrace: boolean;
  /** "Not created: issue again" is offered: the grace period is over and the last check found no document with the mark. */
  canMarkNotCreated: boolean;
}

export function reconcileFacts(r: Pick<InvoiceRequest, "evidence">, grace: Date | null, now: Date = new Date()): ReconcileFacts {
  const evidence = r.evidence ?? null;
  const own = (evidence?.candidates ?? []).filter((c) => c.read === "own_mark").map((c) => c.number);
  const inGrace = !!grace && grace.getTime() > now.getTime();
  return {
    ownNumbers: own,
    suggestedNumber: own[0] ?? null,
    unreadable: (evidence?.candidates ?? []).filter((c) => c.read === "unreadable").length,
    inGrace,
    canMarkNotCreated: !inGrace && !!evidence && own.length === 0 && evidence.verdict !== "series_missing",
  };
}

export interface ReconcileCase extends InboxRow, ReconcileFacts {
  /** The mark printed on the document ("Ref. Bursar " + this), null for a request from before marks. */
  mark: string | null;
  /** What Bursar read at its last check; null: not checked yet. */
  evidence: ReconcileEvidence | null;
  candidates: ProofCandidate[];
  /** The first number the create could take, as SmartBill writes it (evidence.fromNumber, else the expected number). */
  fromNumber: string | null;
  /** The series' next number at the last check (null: not checked yet). */
  nextNumberNow: string | null;
  /** When the ambiguous create was sent (the last attempt's start). */
  sentAt: Date | null;
  /** When the grace period of the last send ends (null: never sent). */
  graceEndsAt: Date | null;
  attempts: InvoiceAttempt[];
}

/** A number as SmartBill writes it: as read when it was read, else zero-padded to the series' width when known. */
async function shownNumber(n: string | null, firstRead: string | null, width: () => Promise<number | null>): Promise<string | null> {
  if (n === null || !/^[0-9]+$/.test(n)) return n;
  if (firstRead !== null && Number(firstRead) === Number(n)) return firstRead;
  return padNumber(Number(n), await width());
}

/** The school's in_doubt requests (newest first, at most `limit`) with their evidence, and how many there are. */
export async function listReconcileCases(deps: InvoicingDeps, orgId: string, opts: { limit?: number; now?: Date } = {}): Promise<{ cases: ReconcileCase[]; total: number }> {
  const [rows, counts] = await Promise.all([listInboxRequests(deps.db, orgId, "in_doubt", { limit: opts.limit ?? 50 }), countInbox(deps.db, orgId)]);
  const attempts = await listAttemptsOf(deps.db, orgId, rows.map((r) => r.request.id));
  const widths = new Map<string, Promise<number | null>>();
  const widthOf = (r: InvoiceRequest) => {
    const key = `${r.companyCif}\u0000${r.seriesName}`;
    if (!widths.has(key)) widths.set(key, getSeries(deps.db, { orgId, cif: r.companyCif, series: r.seriesName }).then((s) => s?.padWidth ?? null));
    return widths.get(key)!;
  };
  const now = opts.now ?? new Date();
  const cases: ReconcileCase[] = [];
  for (const row of rows) {
    const r = row.request;
    const list = attempts.get(r.id) ?? [];
    const grace = await graceEndsAt(deps, r);
    const evidence = r.evidence ?? null;
    const from = evidence?.fromNumber ?? r.expectedNumber;
    cases.push({
      ...row,
      ...reconcileFacts(r, grace, now),
      mark: r.mark,
      evidence,
      candidates: evidence?.candidates ?? [],
      fromNumber: await shownNumber(from, evidence?.candidates[0]?.number ?? null, () => widthOf(r)),
      nextNumberNow: evidence?.nextNumberNow ?? null,
      sentAt: list.at(-1)?.startedAt ?? r.lastAttemptAt ?? null,
      graceEndsAt: grace,
      attempts: list,
    });
  }
  return { cases, total: counts.inDoubt };
}
