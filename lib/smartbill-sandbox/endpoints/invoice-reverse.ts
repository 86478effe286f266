// POST /invoice/reverse: a storno in the same series, taking the next number, every line negated.
import { endpoint } from "../context";
import { docName, findInvoice, type Invoice } from "../invoices";
import { ALREADY_REVERSED, issueInvoice } from "../issue";
import type { PreparedInvoice } from "../invoice-prepare";
import { classicBody, classicError, json } from "../responses";
import { reverseRequestSpec } from "../request-specs";
import { todayInBucharest } from "../util";
import { documentLinks } from "./invoice-create";
import { notFoundText } from "./invoice-lifecycle";

export const reverseInvoice = endpoint({
  spec: reverseRequestSpec,
  invoiceShape: true,
  async run(ctx, body) {
    const fail = (text: string) => classicError(400, text, { invoice: true });
    const number = body.number ?? "";
    const seriesName = body.seriesName ?? "";
    if (!number) return fail("Numarul facturii trebuie specificat in parametrul 'number'!");
    if (!seriesName) return fail("Seria facturii trebuie specificata in parametrul 'seriesname'!");
    const orig = await findInvoice(ctx.sql, ctx.company.id, seriesName, number);
    if (!orig) return fail(notFoundText(seriesName, number));
    if (orig.stornoOf !== null) return fail(`Factura ${docName(orig)} este de tip storno. Nu se poate storna.`);
    if (orig.reversed) return fail(ALREADY_REVERSED);
    if (orig.state === "cancelled") return fail(`Factura ${docName(orig)} este anulata.`);
    const now = ctx.now();
    const issueDate = body.issueDate || todayInBucharest(now);
    if (issueDate < orig.issueDate) {
      return fail("Data emiterii facturii storno nu poate fi anterioara datei emiterii facturii stornate.");
    }
    const issued = await issueInvoice(ctx.sql, ctx.company, storno(orig, issueDate), now, { stornoOf: orig.id });
    if (!issued.ok) return classicError(issued.status, issued.errorText, { invoice: true });
    const inv = issued.invoice;
    return json(200, { ...classicBody(""), number: inv.number, series: inv.seriesName, ...documentLinks(ctx, inv) });
  },
});

function storno(orig: Invoice, issueDate: string): PreparedInvoice {
  return {
    seriesName: orig.seriesName,
    isDraft: false,
    issueDate,
    dueDate: null,
    currency: orig.currency,
    language: orig.language,
    client: orig.client,
    lines: orig.lines.map((l) => ({ ...l, quantity: -l.quantity, net: -l.net, vat: -l.vat, gross: -l.gross })),
    totals: { net: -orig.totalNet, vat: -orig.totalVat, total: -orig.total },
    paymentUrl: null,
    payment: null,
    email: null,
    observations: `Storno la factura ${docName(orig)}`,
    mentions: null,
  };
}
