// Storing a validated invoice: quota, number, document, payment and e-mail in one transaction, so a
// document either exists with its number or not at all. Locks are taken company row first, then the
// series row — the same order everywhere, so concurrent issuers queue instead of deadlocking.
import { lockCompany, type Company } from "./accounts";
import { iso, jsonText, type Q, type Sql } from "./db";
import { MSG, type PreparedInvoice } from "./invoice-prepare";
import { allocateNumber, insertInvoice, insertPayment, type Invoice, type NewInvoice } from "./invoices";

export const ALREADY_REVERSED = "Factura este deja stornata.";

export type Issued = { ok: true; invoice: Invoice } | { ok: false; status: number; errorText: string };

export async function issueInvoice(
  sql: Sql,
  company: Company,
  doc: PreparedInvoice,
  now: Date,
  opts: { stornoOf?: number } = {},
): Promise<Issued> {
  return sql.begin(async (tx): Promise<Issued> => {
    // Drafts are not issued documents: they take no number and do not count against the plan.
    const counts = !doc.isDraft;
    if (counts) {
      const locked = await lockCompany(tx, company.id);
      if (locked.quotaRemaining !== null && locked.quotaRemaining <= 0) {
        return { ok: false, status: 400, errorText: MSG.quota };
      }
    }
    if (opts.stornoOf !== undefined) {
      // Re-checked under the row lock: two concurrent reversals must not both succeed.
      const [orig] = await tx<{ reversed: boolean }[]>`
        select reversed from smartbill_sandbox.invoices where id = ${opts.stornoOf} for update`;
      if (!orig) return { ok: false, status: 400, errorText: MSG.series };
      if (orig.reversed) return { ok: false, status: 400, errorText: ALREADY_REVERSED };
    }
    const number = counts ? await allocateNumber(tx, company.id, "f", doc.seriesName) : "";
    if (number === undefined) return { ok: false, status: 400, errorText: MSG.series };
    const row: NewInvoice = {
      companyId: company.id,
      seriesName: doc.seriesName,
      number,
      isDraft: doc.isDraft,
      issueDate: doc.issueDate,
      dueDate: doc.dueDate,
      currency: doc.currency,
      language: doc.language,
      client: doc.client,
      lines: doc.lines,
      totals: doc.totals,
      stornoOf: opts.stornoOf ?? null,
      paymentUrl: doc.paymentUrl,
      observations: doc.observations,
      mentions: doc.mentions,
      createdAt: now,
    };
    const invoice = await insertInvoice(tx, row);
    if (opts.stornoOf !== undefined) {
      await tx`update smartbill_sandbox.invoices set reversed = true where id = ${opts.stornoOf}`;
    }
    if (counts) {
      await tx`
        update smartbill_sandbox.companies set quota_remaining = quota_remaining - 1
        where id = ${company.id} and quota_remaining is not null`;
    }
    if (doc.payment && counts) await recordInvoicePayment(tx, company.id, invoice, doc.payment, now);
    if (doc.email && counts) {
      await tx`
        insert into smartbill_sandbox.emails (company_id, invoice_id, recipients, subject, body, created_at)
        values (${company.id}, ${invoice.id}, ${jsonText(doc.email)}::text::jsonb, null, null, ${iso(now)}::timestamptz)`;
    }
    return { ok: true, invoice };
  });
}

async function recordInvoicePayment(
  tx: Q,
  companyId: number,
  invoice: Invoice,
  payment: NonNullable<PreparedInvoice["payment"]>,
  now: Date,
) {
  const number = payment.receiptSeries ? await allocateNumber(tx, companyId, "c", payment.receiptSeries) : "";
  await insertPayment(tx, {
    companyId,
    invoiceId: invoice.id,
    type: payment.type,
    value: payment.value,
    isCash: payment.isCash,
    seriesName: payment.receiptSeries ?? "",
    number: number ?? "",
    issueDate: invoice.issueDate,
    client: invoice.client,
    source: "invoice",
    createdAt: now,
  });
}
