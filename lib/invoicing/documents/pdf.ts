import "server-only";
import { randomUUID } from "node:crypto";
import { and, eq, gt, lt, sql } from "drizzle-orm";
import type { Executor } from "@/db";
import { getInvoiceRequest } from "@/db/queries/invoices";
import { invoicePdfs, pdfFetchLeases } from "@/db/schema";
import { withSmartBill } from "@/lib/billing/smartbill-call";
import type { InvoicePdf, SmartBill } from "@/lib/smartbill";

export type IssuedInvoicePdf =
  | { ok: true; pdf: InvoicePdf; cached: boolean }
  | { ok: false; reason: "not_found" | "not_issued" }
  /** The person's previous PDF is still being fetched from SmartBill: come back after `retryAfterSec`. */
  | { ok: false; reason: "busy"; retryAfterSec: number };

/**
 * A PDF a person opened is served from Bursar's copy for this long, without another SmartBill call.
 * SmartBill owns the document and a change made there shows once the copy is older than this.
 */
export const PDF_CACHE_MS = 15 * 60_000;
/** A fetch lease outlives any fetch (slot wait + SmartBill's timeout + retries); a crashed one frees itself. */
const LEASE_MS = 90_000;
/** How long a person's next PDF waits for their previous one before being told to come back. */
const BUSY_WAIT_MS = 10_000;
const BUSY_POLL_MS = 100;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface PdfOptions {
  /** Who asks: each person fetches one PDF from SmartBill at a time, so downloads cannot crowd out issuing. */
  userId: string;
  sb?: SmartBill;
  busyWaitMs?: number;
}

async function cachedPdf(db: Executor, orgId: string, requestId: string): Promise<InvoicePdf | null> {
  const [row] = await db
    .select({ filename: invoicePdfs.filename, bytes: invoicePdfs.bytes })
    .from(invoicePdfs)
    .where(and(eq(invoicePdfs.orgId, orgId), eq(invoicePdfs.requestId, requestId), gt(invoicePdfs.fetchedAt, sql`now() - make_interval(secs => ${PDF_CACHE_MS / 1000})`)));
  return row ? { filename: row.filename, bytes: new Uint8Array(row.bytes) } : null;
}

async function keepPdf(db: Executor, orgId: string, requestId: string, pdf: InvoicePdf): Promise<void> {
  const bytes = Buffer.from(pdf.bytes);
  await db
    .insert(invoicePdfs)
    .values({ orgId, requestId, filename: pdf.filename, bytes })
    .onConflictDoUpdate({ target: [invoicePdfs.orgId, invoicePdfs.requestId], set: { filename: pdf.filename, bytes, fetchedAt: sql`now()` } });
  // The school's stale copies go as new ones come: the cache never grows past what was opened lately.
  await db.delete(invoicePdfs).where(and(eq(invoicePdfs.orgId, orgId), lt(invoicePdfs.fetchedAt, sql`now() - make_interval(secs => ${PDF_CACHE_MS / 1000})`)));
}

/** Takes the person's fetch lease if free (or expired); null when another of their fetches holds it. */
async function takeLease(db: Executor, userId: string): Promise<string | null> {
  const leaseId = randomUUID();
  const until = sql`now() + make_interval(secs => ${LEASE_MS / 1000})`;
  const rows = await db
    .insert(pdfFetchLeases)
    .values({ userId, leaseId, until })
    .onConflictDoUpdate({ target: pdfFetchLeases.userId, set: { leaseId, until }, setWhere: lt(pdfFetchLeases.until, sql`now()`) })
    .returning({ leaseId: pdfFetchLeases.leaseId });
  return rows[0]?.leaseId === leaseId ? leaseId : null;
}

async function releaseLease(db: Executor, userId: string, leaseId: string): Promise<void> {
  await db.delete(pdfFetchLeases).where(and(eq(pdfFetchLeases.userId, userId), eq(pdfFetchLeases.leaseId, leaseId)));
}

/**
 * An issued invoice's PDF: Bursar's recent copy, or fetched from SmartBill with the school's credentials
 * as a person's call in the shared budget (withSmartBill: the token stays on the server). One fetch at a
 * time per person across app instances, so sixty parallel downloads are one call in SmartBill's queue at
 * a time and a colleague's manual issue waits behind one of them at most. Another school's request is
 * "not_found", like one that does not exist. A failed call throws withSmartBill's AppError.
 */
export async function getIssuedInvoicePdf(db: Executor, orgId: string, requestId: string, opts: PdfOptions): Promise<IssuedInvoicePdf> {
  const request = await getInvoiceRequest(db, orgId, requestId);
  if (!request) return { ok: false, reason: "not_found" };
  if (request.status !== "issued" || !request.issuedSeries || !request.issuedNumber) return { ok: false, reason: "not_issued" };
  const ref = { seriesName: request.issuedSeries, number: request.issuedNumber };
  const waitUntil = Date.now() + (opts.busyWaitMs ?? BUSY_WAIT_MS);
  for (;;) {
    const kept = await cachedPdf(db, orgId, requestId);
    if (kept) return { ok: true, pdf: kept, cached: true };
    const leaseId = await takeLease(db, opts.userId);
    if (leaseId) {
      try {
        // Fetched meanwhile by the person's previous download of the same invoice.
        const again = await cachedPdf(db, orgId, requestId);
        if (again) return { ok: true, pdf: again, cached: true };
        const pdf = await withSmartBill(
          db,
          orgId,
          // The invoice's own company (a profile may bill for another CIF of the same SmartBill account).
          ({ sb, creds }) => sb.invoices.pdf({ ...creds, cif: request.companyCif }, ref, { maxWaitMs: 15_000, priority: "interactive" }),
          opts.sb ? { sb: opts.sb } : {},
        );
        await keepPdf(db, orgId, requestId, pdf);
        return { ok: true, pdf, cached: false };
      } finally {
        await releaseLease(db, opts.userId, leaseId);
      }
    }
    if (Date.now() >= waitUntil) return { ok: false, reason: "busy", retryAfterSec: 2 };
    await sleep(BUSY_POLL_MS);
  }
}
