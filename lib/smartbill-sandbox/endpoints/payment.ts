// POST /payment: a collection (incasare), optionally against one or more invoices.
import { findSeries } from "../accounts";
import { endpoint, type ApiContext } from "../context";
import { allocateNumber, docName, findInvoice, insertPayment, paidAmount, type Invoice } from "../invoices";
import { MSG } from "../invoice-prepare";
import { toBani } from "../money";
import { classicBody, classicError, json } from "../responses";
import { canonicalPaymentType, paymentRequestSpec, type PaymentRequest } from "../request-specs";
import { todayInBucharest } from "../util";

const TEXT = {
  noType: "Tipul incasarii trebuie specificat.",
  badType: "Tipul documentului nu a fost gasit pe server!",
  noClient:
    "Datele clientului trebuie specificate. Ele se preiau din factura doar in cazul in care usePaymentDetails = true.",
  noValue: "Valoarea incasarii trebuie specificata.",
  invoiceMissing: "Factura nu a fost gasita!",
  settled: "Factura este incasata sau stornata in totalitate.",
};

class Rejected extends Error {
  constructor(
    readonly status: number,
    readonly errorText: string,
  ) {
    super(errorText);
  }
}

export const registerPayment = endpoint({
  spec: paymentRequestSpec,
  async run(ctx, body) {
    try {
      return await register(ctx, body);
    } catch (e) {
      if (e instanceof Rejected) return classicError(e.status, e.errorText);
      throw e;
    }
  },
});

async function register(ctx: ApiContext, body: PaymentRequest): Promise<Response> {
  if (!(body.type ?? "").trim()) throw new Rejected(400, TEXT.noType);
  const type = canonicalPaymentType(body.type!);
  // SmartBill answers an unknown (or space-padded) type with 404.
  if (!type) throw new Rejected(404, TEXT.badType);
  const refs = (body.invoicesList ?? []).filter((r) => r !== null);
  const fromInvoice = !!body.useInvoiceDetails && refs.length > 0;
  if (!fromInvoice && !body.client) throw new Rejected(400, TEXT.noClient);
  if (!fromInvoice && (body.value === null || body.value === undefined)) throw new Rejected(400, TEXT.noValue);
  const receiptSeries = type === "Chitanta" ? (body.seriesName ?? "") : "";
  if (type === "Chitanta" && !(await findSeries(ctx.sql, ctx.company.id, "c", receiptSeries))) {
    throw new Rejected(400, MSG.series);
  }

  const now = ctx.now();
  const issueDate = body.issueDate || todayInBucharest(now);
  const result = await ctx.sql.begin(async (tx) => {
    const invoices: { inv: Invoice; unpaid: number }[] = [];
    for (const ref of refs) {
      const inv = await findInvoice(tx, ctx.company.id, ref.seriesName ?? "", ref.number ?? "", true);
      if (!inv) throw new Rejected(400, TEXT.invoiceMissing);
      if (inv.state === "cancelled") {
        throw new Rejected(
          400,
          `Factura ${docName(inv)} este anulata, nu o puteti incasa. Restaurati intai factura sau emiteti incasarea independent de factura.`,
        );
      }
      const unpaid = inv.total - (await paidAmount(tx, inv.id));
      if (inv.reversed || inv.stornoOf !== null || unpaid <= 0) throw new Rejected(400, TEXT.settled);
      const clientCif = (body.client?.vatCode ?? "").trim();
      const invoiceCif = String(inv.client.vatCode ?? "").trim();
      if (clientCif && invoiceCif && clientCif !== invoiceCif) {
        throw new Rejected(400, `Ciful clientului de pe factura ${docName(inv)} difera de ciful clientului incasarii!`);
      }
      invoices.push({ inv, unpaid });
    }

    const number =
      type === "Chitanta" && !body.isDraft ? ((await allocateNumber(tx, ctx.company.id, "c", receiptSeries)) ?? "") : "";
    const base = {
      companyId: ctx.company.id,
      type,
      isCash: body.isCash ?? true,
      seriesName: receiptSeries,
      number,
      issueDate,
      source: "api" as const,
      createdAt: now,
    };
    // An explicit value wins (and may be partial); it is spread over the invoices in order, any excess
    // landing on the last one. Without a value each invoice is paid in full.
    let remaining = body.value === null || body.value === undefined ? null : toBani(body.value);
    let lastId = 0;
    if (!invoices.length) {
      lastId = await insertPayment(tx, { ...base, invoiceId: null, value: remaining ?? 0, client: clientOf(body) });
    }
    for (const [i, { inv, unpaid }] of invoices.entries()) {
      const isLast = i === invoices.length - 1;
      const value = remaining === null ? unpaid : isLast ? remaining : Math.min(unpaid, remaining);
      if (remaining !== null) remaining -= value;
      lastId = await insertPayment(tx, { ...base, invoiceId: inv.id, value, client: inv.client });
    }
    return { number, id: lastId };
  });

  if (type === "Chitanta") return json(200, { ...classicBody(""), number: result.number, series: receiptSeries });
  if (type === "Bon") {
    const message = body.returnFiscalPrinterText ? Buffer.from(`BON FISCAL ${result.id}\n`).toString("base64") : "";
    return json(200, { ...classicBody("", { message }), id: String(result.id), number: body.number || String(result.id) });
  }
  return json(200, classicBody(""));
}

function clientOf(body: PaymentRequest): Record<string, string | boolean> | null {
  if (!body.client) return null;
  return Object.fromEntries(Object.entries(body.client).filter(([, v]) => v !== null && v !== undefined)) as Record<
    string,
    string | boolean
  >;
}
