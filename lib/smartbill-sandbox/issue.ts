// Storing a validated invoice: quota, number, document, payment and e-mail in one transaction, so a
// document either exists with its number or not at all. Locks are taken company row, then series row,
// then invoice rows — the order deletion and payments follow too, so concurrent calls queue instead of
// deadlocking.
import { lockCompany, type Company } from "./accounts";
import { iso, jsonText, type Q, type Sql } from "./db";
import { MSG, type PreparedInvoice } from "./invoice-prepare";
import { allocateNumber, insertInvoice, insertPayment, type Invoice, type NewInvoice } from "./invoices";

export const ALREADY_REVERSED = "Factura este deja stornata.";

export type Issued = { ok: true; invoice: Invoice } | { ok: false; status: number; errorText: string };

class Refused extends Error {
  constructor(readonly errorText: string) {
    super(errorText);
  }
}

export async function issueInvoice(
  sql: Sql,
  company: Company,
  doc: PreparedInvoice,
  now: Date,
  opts: { stornoOf?: number } = {},
): Promise<Issued> {
  try {
    return await sql.begin((tx) => store(tx, company, doc, now, opts.stornoOf));
  } catch (e) {
    // Thrown (not returned) so that the transaction, and any number it took, rolls back.
    if (e instanceof Refused) return { ok: false, status: 400, errorText: e.errorText };
    throw e;
  }
}

async function store(
  tx: Q,
  company: Company,
  doc: PreparedInvoice,
  now: Date,
  stornoOf: number | undefined,
): Promise<Issued> {
  // Drafts are not issued documents: they take no number and do not count against the plan.
  const counts = !doc.isDraft;
  if (counts) {
    const locked = await lockCompany(tx, company.id);
    if (locked.quotaRemaining !== null && locked.quotaRemaining <= 0) throw new Refused(MSG.quota);
  }
  const number = counts ? await allocateNumber(tx, company.id, "f", doc.seriesName) : "";
  if (number === undefined) throw new Refused(MSG.series);
  if (stornoOf !== undefined) {
    // Re-checked under the row lock (taken after the series lock, as deletion does): two concurrent
    // reversals must not both succeed.
    const [orig] = await tx<{ reversed: boolean }[]>`
      select reversed from smartbill_sandbox.invoices where id = ${stornoOf} for update`;
    if (!orig) throw new Refused("Factura nu a fost gasita!");
    if (orig.reversed) throw new Refused(ALREADY_REVERSED);
  }
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
    stornoOf: stornoOf ?? null,
    paymentUrl: doc.paymentUrl,
    observations: doc.observations,
    mentions: doc.mentions,
    createdAt: now,
  };
  const invoice = await insertInvoice(tx, row);
  if (stornoOf !== undefined) {
    await tx`update smartbill_sandbox.invoices set reversed = true where id = ${stornoOf}`;
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
      values (${company.id}, ${invoice.id}, ${jsonText(doc.email)}::text::jsonb, null, null,
        ${iso(now)}::timestamptz)`;
  }
  return { ok: true as const, invoice };
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
