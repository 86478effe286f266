// POST /invoice/v2 (current) and POST /invoice (legacy: same body, no document links).
import { endpoint, type ApiContext } from "../context";
import { prepareInvoice } from "../invoice-prepare";
import type { Invoice } from "../invoices";
import { issueInvoice } from "../issue";
import { classicBody, classicError, json, METHOD_NOT_ALLOWED, requestShapeError } from "../responses";
import { invoiceRequestSpec, type InvoiceRequest } from "../request-specs";

async function create(ctx: ApiContext, body: InvoiceRequest, legacy: boolean): Promise<Response> {
  const now = ctx.now();
  const prepared = await prepareInvoice(ctx.sql, ctx.company, body, now);
  if (!prepared.ok) return classicError(prepared.status, prepared.errorText, { invoice: !legacy });
  const issued = await issueInvoice(ctx.sql, ctx.company, prepared.invoice, now);
  if (!issued.ok) return classicError(issued.status, issued.errorText, { invoice: !legacy });
  const inv = issued.invoice;
  const short = { ...classicBody(""), number: inv.number, series: inv.seriesName, url: paymentLink(ctx, inv) };
  return json(200, legacy ? short : { ...short, ...documentLinks(ctx, inv) });
}

export function documentLinks(ctx: ApiContext, inv: Invoice) {
  return {
    documentUrl: ctx.links.documentUrl(inv.id),
    documentId: inv.id,
    documentViewUrl: ctx.links.viewUrl(inv.viewToken),
  };
}

/** `url` is filled only when a payment link was asked for: generated, or the caller's own. */
function paymentLink(ctx: ApiContext, inv: Invoice): string {
  if (!inv.paymentUrl) return "";
  return inv.paymentUrl === "Generate URL" ? ctx.links.payUrl(inv.viewToken) : inv.paymentUrl;
}

export const createInvoiceV2 = endpoint({
  spec: invoiceRequestSpec,
  invoiceShape: true,
  run: (ctx, body) => create(ctx, body, false),
});

export const createInvoiceLegacy = endpoint({
  spec: invoiceRequestSpec,
  run: (ctx, body) => {
    // [!] SmartBill's 2026 spec no longer lists POST /invoice; a company switch turns it off.
    if (!ctx.company.legacyInvoicePost) {
      const opts = { headers: { Allow: "DELETE" } };
      return Promise.resolve(requestShapeError(405, "/SBORO/api/invoice", "method_not_allowed", METHOD_NOT_ALLOWED, opts));
    }
    return create(ctx, body, true);
  },
});
