import "server-only";
import { performance } from "node:perf_hooks";
import { and, eq, gte, isNotNull, lt, sql, type SQLWrapper } from "drizzle-orm";
import type { Executor } from "@/db";
import { documentReads, invoiceRequests, outsideInvoices, type InvoiceRequest, type ProofCandidate, type ReconcileEvidence } from "@/db/schema";
import { isSmartBillError, type CallOptions, type CallPriority, type SmartBill, type SmartBillCredentials } from "@/lib/smartbill";
import { pdfText } from "@/lib/smartbill/pdf-text";
import { leiToBani } from "../documents/totals";
import { findMarks } from "./mark";
import { getSeries, nextNumberReadAfter, numberForms, storeNextNumber, type SeriesRef } from "./series";

// Proof by reading the documents. SmartBill gives an invoice back only as its PDF, so to know whether an
// in-doubt create made an invoice, Bursar reads the series' next number, then the PDFs of the numbers the
// create could have taken (from the lowest it could take, up to next − 1), leaving out the numbers Bursar
// already holds for answered requests and the documents read before (a busy series costs a few reads,
// not one per invoice issued meanwhile; each document is read once, whichever proof reads it), and
// looks for the request's mark on each. Only the mark proves: never a number, never a
// total. A document that cannot be read proves nothing.

/** A proof's reads in flight at once. */
const PROOF_READS_AT_ONCE = 4;

/** Runs `fn` over `items`, at most `limit` at a time; the first failure fails the whole (the rest finish on their own). */
async function inParallel<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** At most this many PDFs per proof (each is one rate-limited read). */
export const MAX_PROOF_READS = 25;

export interface ProofDeps {
  db: Executor;
  sb: SmartBill;
  /** Longest wait for a rate-limit slot per read. */
  slotWaitMs?: number;
  /** Default "background": proofs yield to issuing; a person's "Check again" or Link passes "interactive". */
  priority?: CallPriority;
  /** When this proof's work began (the grace's end for the automatic one): background reads age from then. */
  since?: number;
  /**
   * The end of the request's grace: any create of it had landed by then, so SmartBill's next number read
   * at or after it (by a drain or another proof) serves this proof too, without another GET /series.
   */
  graceEnd?: Date | null;
}

const callOptions = (d: Pick<ProofDeps, "slotWaitMs" | "priority" | "since">): CallOptions => ({
  maxWaitMs: d.slotWaitMs ?? 15_000,
  priority: d.priority ?? "background",
  ...(d.since !== undefined ? { since: d.since } : {}),
});

/** The Bursar marks printed on one SmartBill document, read from its PDF now (SmartBill's errors pass through). */
export async function documentMarks(
  d: Pick<ProofDeps, "sb" | "slotWaitMs" | "priority" | "since">,
  creds: SmartBillCredentials,
  seriesName: string,
  number: string,
): Promise<string[]> {
  const pdf = await d.sb.invoices.pdf(creds, { seriesName, number }, callOptions(d));
  return findMarks(await pdfText(pdf.bytes));
}

async function readDocument(d: ProofDeps, creds: SmartBillCredentials, series: string, n: number, width: number | null): Promise<{ number: string; marks: string[] } | { number: string; error: string; transient: boolean }> {
  const forms = numberForms(n, width);
  let lastError = "not_found";
  let transient = false;
  for (const number of forms) {
    try {
      return { number, marks: await documentMarks(d, creds, series, number) };
    } catch (e) {
      // SmartBill busy: the whole proof comes back later (the caller retries), nothing is concluded.
      if (isSmartBillError(e) && (e.code === "rate_limited" || e.code === "credentials")) throw e;
      // What a person is shown: SmartBill's HTTP status (502 for a number it has no document for), or why not.
      lastError = isSmartBillError(e) ? (e.httpStatus ? `HTTP ${e.httpStatus}` : e.code) : "not a readable PDF";
      // A timeout or a server error may read fine in a moment; "no such document" (502) or a broken PDF will not.
      transient = isSmartBillError(e) && e.code !== "not_found";
      if (!isSmartBillError(e) || e.code !== "not_found") break;
    }
  }
  return { number: forms[0]!, error: lastError, transient };
}

const inRange = (col: SQLWrapper, from: number, to: number) => and(sql`${col} ~ '^[0-9]+$'`, gte(sql`(${col})::bigint`, from), lt(sql`(${col})::bigint`, to));

/** Numbers in [from, to) that other requests already hold (their answers came): not read. */
async function heldNumbers(db: Executor, s: SeriesRef, from: number, to: number, selfId: string): Promise<Set<number>> {
  const rows = await db
    .select({ n: invoiceRequests.issuedNumber })
    .from(invoiceRequests)
    .where(
      and(
        eq(invoiceRequests.orgId, s.orgId),
        eq(invoiceRequests.companyCif, s.cif),
        eq(invoiceRequests.issuedSeries, s.series),
        isNotNull(invoiceRequests.issuedNumber),
        sql`${invoiceRequests.id} <> ${selfId}`,
        inRange(invoiceRequests.issuedNumber, from, to),
      ),
    );
  return new Set(rows.map((r) => Number(r.n)));
}

/** Documents of [from, to) read before (by any proof): their marks, by number. */
async function earlierReads(db: Executor, s: SeriesRef, from: number, to: number): Promise<Map<number, { number: string; marks: string[] }>> {
  const rows = await db
    .select({ number: documentReads.number, marks: documentReads.marks })
    .from(documentReads)
    .where(and(eq(documentReads.orgId, s.orgId), eq(documentReads.companyCif, s.cif), eq(documentReads.seriesName, s.series), inRange(documentReads.number, from, to)));
  return new Map(rows.map((r) => [Number(r.number), r]));
}

type DocumentRead = Awaited<ReturnType<typeof readDocument>>;

// Proofs running at once in this process (a burst after a bulk run) share a read of the same document
// instead of each spending a call on it; one that finished meanwhile (here or in another process) is
// taken from document_reads.
const readsInFlight = new Map<string, Promise<DocumentRead>>();

function sharedRead(d: ProofDeps, creds: SmartBillCredentials, s: SeriesRef, n: number, width: number | null): Promise<DocumentRead> {
  // A person's read is not made to wait behind a background one.
  const key = `${d.priority ?? "background"}|${s.orgId}|${s.cif}|${s.series}|${n}`;
  const running = readsInFlight.get(key);
  if (running) return running;
  const read = (async (): Promise<DocumentRead> => {
    const done = (await earlierReads(d.db, s, n, n + 1)).get(n);
    if (done) return { number: done.number, marks: done.marks };
    const doc = await readDocument(d, creds, s.series, n, width);
    if (!("error" in doc)) await rememberRead(d.db, s, doc.number, doc.marks);
    return doc;
  })().finally(() => readsInFlight.delete(key));
  readsInFlight.set(key, read);
  return read;
}

async function rememberRead(db: Executor, s: SeriesRef, number: string, marks: string[]): Promise<void> {
  await db.insert(documentReads).values({ orgId: s.orgId, companyCif: s.cif, seriesName: s.series, number, marks }).onConflictDoNothing();
  if (!marks.length) await db.insert(outsideInvoices).values({ orgId: s.orgId, companyCif: s.cif, seriesName: s.series, number }).onConflictDoNothing();
}

/**
 * Reads the candidates of an in_doubt request and says what they prove. Changes nothing in the request
 * (reconcile.ts acts on the verdict); records only what it learned of the series (next number, and the
 * documents that carry no Bursar mark as issued outside Bursar).
 */
export async function proveRequest(deps: ProofDeps, r: InvoiceRequest, creds: SmartBillCredentials): Promise<ReconcileEvidence> {
  const d = { ...deps, since: deps.since ?? Date.now() };
  const s: SeriesRef = { orgId: r.orgId, cif: r.companyCif, series: r.seriesName };
  const checkedAt = new Date().toISOString();
  let next = d.graceEnd ? await nextNumberReadAfter(d.db, s, d.graceEnd) : null;
  if (next === null) {
    const asked = performance.now();
    const list = await d.sb.series.list(creds, { type: "f" }, callOptions(d));
    const found = list.find((x) => x.name === r.seriesName);
    if (!found) return { checkedAt, nextNumberNow: null, fromNumber: null, candidates: [], skipped: 0, verdict: "series_missing" };
    next = found.nextNumber;
    await storeNextNumber(d.db, s, next, performance.now() - asked);
  }
  // The lowest number the create could take; unknown (a request from before the claim recorded it): the reads' reach back.
  const from = r.expectedNumber !== null ? Number(r.expectedNumber) : Math.max(1, next - MAX_PROOF_READS);
  const base = { checkedAt, nextNumberNow: String(next), fromNumber: String(from) };
  if (!r.mark) return { ...base, candidates: [], skipped: 0, verdict: "unreadable" };
  const held = await heldNumbers(d.db, s, from, next, r.id);
  const cached = await earlierReads(d.db, s, from, next);
  const width = (await getSeries(d.db, s))?.padWidth ?? null;
  // The documents to read (at most MAX_PROOF_READS: each is one rate-limited call), read a few at a time,
  // so the oldest proof, served first, is not one read per slot behind the others.
  const toRead: number[] = [];
  let end = next;
  for (let n = from; n < next; n++) {
    if (held.has(n) || cached.has(n)) continue;
    if (toRead.length >= MAX_PROOF_READS) {
      end = n;
      break;
    }
    toRead.push(n);
  }
  const truncated = end < next;
  const read = new Map<number, DocumentRead>();
  await inParallel(toRead, PROOF_READS_AT_ONCE, async (n) => void read.set(n, await sharedRead(d, creds, s, n, width)));
  const candidates: ProofCandidate[] = [];
  for (let n = from; n < end; n++) {
    if (held.has(n)) continue;
    const doc = cached.get(n) ?? read.get(n)!;
    if ("error" in doc) {
      candidates.push({ number: doc.number, read: "unreadable", marks: [], totalBani: null, detail: doc.error, ...(doc.transient ? { transient: true } : {}) });
      continue;
    }
    if (doc.marks.includes(r.mark)) {
      const st = await d.sb.invoices.paymentStatus(creds, { seriesName: r.seriesName, number: doc.number }, callOptions(d));
      candidates.push({ number: doc.number, read: "own_mark", marks: doc.marks, totalBani: leiToBani(st.invoiceTotalAmount) });
    } else {
      candidates.push({ number: doc.number, read: doc.marks.length ? "other_mark" : "no_mark", marks: doc.marks, totalBani: null });
    }
  }
  const own = candidates.filter((c) => c.read === "own_mark");
  const verdict: ReconcileEvidence["verdict"] =
    own.length > 1
      ? "duplicate"
      : own.length === 1
        ? own[0]!.totalBani === r.totalBani
          ? "linked"
          : "total_differs"
        : candidates.some((c) => c.read === "unreadable")
          ? "unreadable"
          : truncated
            ? "too_many"
            : "not_created";
  return { ...base, candidates, skipped: held.size, verdict };
}
