// GET /invoice/pdf and GET /invoice/paymentstatus: the only ways to read a document back.
import { queryEndpoint } from "../context";
import { companyOf, originalOf } from "../documents";
import { findInvoice, paidAmount } from "../invoices";
import { toAmount } from "../money";
import { renderInvoicePdf } from "../pdf";
import { classicBody, classicError, json, nginxBadGateway } from "../responses";

export const invoicePdf = queryEndpoint({
  pdf: true,
  async run(ctx) {
    const seriesName = ctx.query.get("seriesname") ?? "";
    const number = ctx.query.get("number") ?? "";
    // SmartBill's PDF service sits behind nginx: a missing document surfaces as a 502 page, not JSON.
    const inv = seriesName && number ? await findInvoice(ctx.sql, ctx.company.id, seriesName, number) : undefined;
    if (!inv) return nginxBadGateway();
    const pdf = await renderInvoicePdf(await companyOf(ctx, inv), inv, await originalOf(ctx, inv));
    return new Response(Buffer.from(pdf), {
      status: 200,
      headers: {
        "content-type": echoedContentType(ctx.req.headers.get("accept")),
        "content-disposition": `attachment; filename="factura${inv.seriesName}${inv.number}.pdf"`,
      },
    });
  },
});

/** SmartBill mirrors the request's Accept; wildcards and no Accept give octet-stream. */
function echoedContentType(accept: string | null): string {
  const first = (accept ?? "")
    .split(",")
    .map((t) => t.trim())
    .find((t) => t && !t.split(";")[0]!.includes("*"));
  return first ?? "application/octet-stream";
}

export const paymentStatus = queryEndpoint({
  async run(ctx) {
    const seriesName = ctx.query.get("seriesname") ?? "";
    const number = ctx.query.get("number") ?? "";
    if (!number) return classicError(400, "Numarul facturii trebuie specificat", { extra: { paid: false } });
    // Numbers match as strings: "159" does not find "0159".
    const inv = seriesName ? await findInvoice(ctx.sql, ctx.company.id, seriesName, number) : undefined;
    if (!inv) return classicError(400, "Factura nu a fost gasita", { extra: { paid: false } });
    const paid = await paidAmount(ctx.sql, inv.id);
    const unpaid = inv.total - paid;
    return json(200, {
      ...classicBody(""),
      invoiceTotalAmount: toAmount(inv.total),
      paidAmount: toAmount(paid),
      unpaidAmount: toAmount(unpaid),
      paid: unpaid <= 0,
    });
  },
});
