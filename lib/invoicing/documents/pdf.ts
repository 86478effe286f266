import "server-only";
import type { Executor } from "@/db";
import { getInvoiceRequest } from "@/db/queries/invoices";
import { withSmartBill } from "@/lib/billing/smartbill-call";
import type { InvoicePdf, SmartBill } from "@/lib/smartbill";

export type IssuedInvoicePdf = { ok: true; pdf: InvoicePdf } | { ok: false; reason: "not_found" | "not_issued" };

/**
 * An issued invoice's PDF, fetched from SmartBill with the school's credentials through the shared rate
 * limiter (withSmartBill: the token stays on the server). Another school's request is "not_found", like
 * one that does not exist. A failed call throws withSmartBill's AppError (smartbill.errors.<reason>).
 */
export async function getIssuedInvoicePdf(db: Executor, orgId: string, requestId: string, opts: { sb?: SmartBill } = {}): Promise<IssuedInvoicePdf> {
  const request = await getInvoiceRequest(db, orgId, requestId);
  if (!request) return { ok: false, reason: "not_found" };
  if (request.status !== "issued" || !request.issuedSeries || !request.issuedNumber) return { ok: false, reason: "not_issued" };
  const ref = { seriesName: request.issuedSeries, number: request.issuedNumber };
  const pdf = await withSmartBill(
    db,
    orgId,
    // The invoice's own company (a profile may bill for another CIF of the same SmartBill account).
    ({ sb, creds }) => sb.invoices.pdf({ ...creds, cif: request.companyCif }, ref, { maxWaitMs: 15_000 }),
    opts.sb ? { sb: opts.sb } : {},
  );
  return { ok: true, pdf };
}
