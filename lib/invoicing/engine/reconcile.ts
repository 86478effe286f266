import "server-only";
import { and, desc, eq, lt, sql } from "drizzle-orm";
import type { Executor } from "@/db";
import { isUniqueViolation } from "@/db/errors";
import { getInvoiceRequest } from "@/db/queries/invoices";
import { invoiceAttempts, invoiceRequests, type InvoiceRequest, type ReconcileEvidence } from "@/db/schema";
import { writeAudit } from "@/lib/audit";
import { AppError } from "@/lib/errors";
import { isSmartBillError, type SmartBillCredentials } from "@/lib/smartbill";
import { schoolCredentials } from "@/lib/smartbill/school-credentials";
import { resolved, type InvoicingDeps } from "../deps";
import { failureOfType } from "./failures";
import { markText } from "./mark";
import { documentMarks, proveRequest } from "./prove";
import { raiseAlarm } from "./record";
import { blockSeries, unblockSeries, type SeriesRef } from "./series";
import { moveRequest, moveRequests } from "./status";

// Reconcile: an in_doubt request, once its grace period is over (a create may still land late), is
// proved by reading the documents (prove.ts) and then linked (one document carries its mark and its
// total), re-queued (none does: proved not created), or left to a person with what was read (a
// document that could not be read, a total that differs, two documents with its mark: a duplicate,
// which also blocks the series). A person can link only a document that carries the request's mark.

export type ReconcileOutcome = "linked" | "proved_not_created" | "needs_person" | "check_later" | "too_early" | "not_in_doubt";

/**
 * How long after the grace period reconcile keeps checking again by itself when what stopped it may pass
 * (a read that timed out, more candidates than one proof reads): then the request waits for a person.
 */
export const AUTO_RECHECK_MS = 10 * 60_000;

const refOf = (r: InvoiceRequest): SeriesRef => ({ orgId: r.orgId, cif: r.companyCif, series: r.seriesName });

export async function credsFor(db: Executor, r: InvoiceRequest): Promise<SmartBillCredentials> {
  const creds = await schoolCredentials(db, r.orgId, r.companyCif);
  if (!creds) throw new AppError("conflict", "setup.notConnected");
  return creds;
}

/** When the grace period of the request's last send ends (null: it was never sent). */
export async function graceEndsAt(deps: InvoicingDeps, r: InvoiceRequest): Promise<Date | null> {
  const [a] = await deps.db
    .select({ startedAt: invoiceAttempts.startedAt })
    .from(invoiceAttempts)
    .where(and(eq(invoiceAttempts.orgId, r.orgId), eq(invoiceAttempts.requestId, r.id), sql`${invoiceAttempts.requestBody} is not null`))
    .orderBy(desc(invoiceAttempts.startedAt))
    .limit(1);
  return a ? new Date(a.startedAt.getTime() + resolved(deps).reconcileGraceMs) : null;
}

async function storeEvidence(db: Executor, r: InvoiceRequest, evidence: ReconcileEvidence): Promise<void> {
  await db.update(invoiceRequests).set({ evidence, updatedAt: sql`now()` }).where(and(eq(invoiceRequests.orgId, r.orgId), eq(invoiceRequests.id, r.id), eq(invoiceRequests.status, "in_doubt")));
}

/** Settles an in_doubt request: issued with a number proved by its mark, or back to the queue. */
async function settle(deps: InvoicingDeps, r: InvoiceRequest, s: { to: "issued"; number: string; evidence: ReconcileEvidence | null } | { to: "queued"; evidence: ReconcileEvidence }, actorUserId: string | null = null): Promise<boolean> {
  return deps.db.transaction(async (tx) => {
    const row =
      s.to === "issued"
        ? await moveRequest(tx, {
            orgId: r.orgId,
            id: r.id,
            move: "proved",
            set: { issuedSeries: r.seriesName, issuedNumber: s.number, issuedAt: sql`now()`, leaseUntil: null, claimId: null, evidence: s.evidence ?? r.evidence },
          })
        : // Sent again ahead of the fresh bulk requests it was made with (it has waited a grace period); a
          // manual or automatic request keeps its own, higher priority.
          await moveRequest(tx, { orgId: r.orgId, id: r.id, move: "provedNotCreated", set: { expectedNumber: null, claimId: null, leaseUntil: null, notBefore: sql`now()`, priority: sql`greatest(priority, 1)`, evidence: s.evidence } });
    if (!row) return false;
    await tx.insert(invoiceAttempts).values({
      orgId: r.orgId,
      requestId: r.id,
      finishedAt: sql`now()`,
      outcome: s.to === "issued" ? "linked" : "proved_not_created",
      expectedNumber: r.expectedNumber,
      responseBody: s.to === "issued" ? `${r.seriesName}-${s.number}` : null,
      actorUserId,
    });
    await tx
      .update(invoiceAttempts)
      .set({ finishedAt: sql`coalesce(finished_at, now())` })
      .where(and(eq(invoiceAttempts.orgId, r.orgId), eq(invoiceAttempts.requestId, r.id), sql`finished_at is null`));
    if (s.to === "issued") await unblockSeries(tx, refOf(r), r.id);
    if (actorUserId) {
      await writeAudit(tx, {
        orgId: r.orgId,
        actorUserId,
        action: s.to === "issued" ? "invoice.linked" : "invoice.marked_not_created",
        entityType: "invoice_request",
        entityId: r.id,
        details: { seriesName: r.seriesName, number: s.to === "issued" ? s.number : null, mark: r.mark },
      });
    }
    return true;
  });
}

/** Proof rounds (each at most MAX_PROOF_READS documents) one reconcile runs before it looks again later. */
const PROOF_ROUNDS_AT_ONCE = 3;

/** How long an automatic proof's read waits for a slot behind issuing before the proof is put off. */
const BACKGROUND_PROOF_WAIT_MS = 60_000;

/**
 * The automatic step: proves what happened to an in_doubt request, or stores the evidence for a person.
 * A person asking ("Check again") waits for the answer, so their reads go as interactive ones.
 */
export async function reconcileRequest(
  deps: InvoicingDeps,
  orgId: string,
  requestId: string,
  asker: "job" | "person" = "job",
): Promise<ReconcileOutcome> {
  const r = await getInvoiceRequest(deps.db, orgId, requestId);
  if (!r || r.status !== "in_doubt") return "not_in_doubt";
  const grace = await graceEndsAt(deps, r);
  if (grace && grace.getTime() > Date.now()) return "too_early";
  // In the background its reads yield to issuing, aging from the grace's end (so a proof put off by a
  // busy token, and run again, is not starved again), and wait in the limiter's queue rather than being
  // put off and woken again.
  const since = grace?.getTime() ?? Date.now();
  const person = asker === "person";
  const slotWaitMs = person ? resolved(deps).slotWaitMs : Math.max(resolved(deps).slotWaitMs, BACKGROUND_PROOF_WAIT_MS);
  const proofDeps = { ...deps, slotWaitMs, priority: person ? ("interactive" as const) : ("background" as const), since, graceEnd: grace };
  const creds = await credsFor(deps.db, r);
  let evidence = await proveRequest(proofDeps, r, creds);
  // More candidates than one proof reads: the next round goes on from what this one read (each round is
  // bounded; a few of them here, then again a little later).
  for (let round = 1; round < PROOF_ROUNDS_AT_ONCE && evidence.verdict === "too_many"; round++) evidence = await proveRequest(proofDeps, r, creds);
  switch (evidence.verdict) {
    case "linked": {
      const own = evidence.candidates.find((c) => c.read === "own_mark")!;
      return (await settle(deps, r, { to: "issued", number: own.number, evidence })) ? "linked" : "not_in_doubt";
    }
    case "not_created":
      return (await settle(deps, r, { to: "queued", evidence })) ? "proved_not_created" : "not_in_doubt";
    case "series_missing": {
      const f = failureOfType("series");
      await moveRequest(deps.db, { orgId, id: r.id, move: "seriesGone", set: { evidence, claimId: null, failureType: f.type, failureReason: f.messageKey, retryable: f.retryable } });
      return "needs_person";
    }
    case "duplicate": {
      // Two documents carry this request's mark: the first stays a candidate to link, every other is an alarm.
      const own = evidence.candidates.filter((c) => c.read === "own_mark");
      for (const c of own.slice(1)) {
        await raiseAlarm(deps.db, { orgId, kind: "duplicate", requestId: r.id, cif: r.companyCif, series: r.seriesName, number: c.number, detail: { mark: r.mark, numbers: own.map((o) => o.number) } });
      }
      await blockSeries(deps.db, refOf(r), r.id);
      await storeEvidence(deps.db, r, evidence);
      return "needs_person";
    }
    default: {
      await storeEvidence(deps.db, r, evidence);
      const passing = evidence.verdict === "too_many" || (evidence.verdict === "unreadable" && evidence.candidates.some((c) => c.transient));
      return passing && grace && Date.now() < grace.getTime() + AUTO_RECHECK_MS ? "check_later" : "needs_person";
    }
  }
}

/**
 * A person's "Link SERIES-NUMBER": allowed only when that document carries the request's mark (read
 * now), and refused for a number another request already holds. Returns the document's number.
 */
export async function linkInvoice(deps: InvoicingDeps, c: { orgId: string; actorUserId: string; requestId: string; number: string }): Promise<{ number: string }> {
  const r = await getInvoiceRequest(deps.db, c.orgId, c.requestId);
  if (!r || r.status !== "in_doubt") throw new AppError("conflict", "invoicing.errors.notInDoubt");
  const [taken] = await deps.db
    .select({ id: invoiceRequests.id })
    .from(invoiceRequests)
    .where(and(eq(invoiceRequests.orgId, c.orgId), eq(invoiceRequests.companyCif, r.companyCif), eq(invoiceRequests.issuedSeries, r.seriesName), eq(invoiceRequests.issuedNumber, c.number)));
  if (taken) throw new AppError("conflict", "invoicing.errors.numberAlreadyLinked", undefined, `${r.seriesName}-${c.number}`);
  const creds = await credsFor(deps.db, r);
  let marks: string[];
  try {
    marks = await documentMarks({ sb: deps.sb, priority: "interactive" }, creds, r.seriesName, c.number);
  } catch (e) {
    if (isSmartBillError(e) && e.code === "not_found") throw new AppError("not_found", "invoicing.errors.invoiceNotFoundInSmartBill");
    if (isSmartBillError(e)) throw e;
    throw new AppError("conflict", "invoicing.errors.linkUnreadable");
  }
  if (!r.mark || !marks.includes(r.mark)) {
    const carries = marks.length ? `: ${marks.map(markText).join(", ")}` : "";
    throw new AppError("conflict", marks.length ? "invoicing.errors.linkOtherMark" : "invoicing.errors.linkNoMark", undefined, `${r.seriesName}-${c.number}${carries}`);
  }
  let ok: boolean;
  try {
    ok = await settle(deps, r, { to: "issued", number: c.number, evidence: null }, c.actorUserId);
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError("conflict", "invoicing.errors.numberAlreadyLinked", undefined, `${r.seriesName}-${c.number}`);
    throw e;
  }
  if (!ok) throw new AppError("conflict", "invoicing.errors.notInDoubt");
  return { number: c.number };
}

/**
 * A person's "Not created: issue again": only after the grace period, and only when a fresh read finds
 * the mark on no document (what could not be read is shown to the person, who decides). Back to the queue.
 */
export async function markNotCreated(deps: InvoicingDeps, c: { orgId: string; actorUserId: string; requestId: string }): Promise<ReconcileEvidence> {
  const r = await getInvoiceRequest(deps.db, c.orgId, c.requestId);
  if (!r || r.status !== "in_doubt") throw new AppError("conflict", "invoicing.errors.notInDoubt");
  const grace = await graceEndsAt(deps, r);
  if (grace && grace.getTime() > Date.now()) throw new AppError("conflict", "invoicing.errors.tooEarlyToDecide");
  const evidence = await proveRequest({ ...deps, slotWaitMs: 15_000, priority: "interactive", graceEnd: grace }, r, await credsFor(deps.db, r));
  if (evidence.candidates.some((x) => x.read === "own_mark")) {
    await storeEvidence(deps.db, r, evidence);
    throw new AppError("conflict", "invoicing.errors.markFound", undefined, `${r.seriesName}-${evidence.candidates.find((x) => x.read === "own_mark")!.number}`);
  }
  if (!(await settle(deps, r, { to: "queued", evidence }, c.actorUserId))) throw new AppError("conflict", "invoicing.errors.notInDoubt");
  return evidence;
}

/**
 * The sweeper's step: requests left in issuing past their lease (the drainer died or stalled mid-call)
 * become in_doubt (never re-sent blind; the claim stays, so a slow answer is still recorded). Returns their ids.
 */
export async function sweepExpiredLeases(db: Executor, orgId: string | null = null): Promise<string[]> {
  const rows = await moveRequests(db, { orgId, move: "leaseExpired", set: { leaseUntil: null }, where: lt(invoiceRequests.leaseUntil, sql`now()`) });
  for (const r of rows) {
    await db
      .update(invoiceAttempts)
      .set({ finishedAt: sql`now()`, outcome: "worker_lost" })
      .where(and(eq(invoiceAttempts.orgId, r.orgId), eq(invoiceAttempts.requestId, r.id), sql`${invoiceAttempts.outcome} is null`));
  }
  return rows.map((r) => r.id);
}
