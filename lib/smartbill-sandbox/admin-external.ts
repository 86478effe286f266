// Changes "made in the SmartBill UI" (SmartBill has no webhooks, so integrations only see them by
// polling), and read-outs of the sandbox's state for tests and the bench.
import type { z } from "zod";
import { findSeries, listTaxes } from "./accounts";
import { requireAccount, requireCompany, SandboxAdminError } from "./admin-config";
import * as S from "./admin-schemas";
import { readCallLog as readLog, type CallLogEntry } from "./call-log";
import type { Sql } from "./db";
import { pendingLateCommits, settleLateCommits, type LateCommitResult, type LateCommitView } from "./faults";
import type { PreparedInvoice } from "./invoice-prepare";
import { findInvoice, listInvoices as list, type Invoice } from "./invoices";
import { markPaid as pay, removeInvoice, setCancelled } from "./invoice-state";
import { issueInvoice } from "./issue";
import { computeInvoice } from "./money";
import { todayInBucharest } from "./util";

async function requireInvoice(sql: Sql, ref: z.infer<typeof S.invoiceRefInput>) {
  const company = await requireCompany(sql, ref.cif);
  const inv = await findInvoice(sql, company.id, ref.seriesName, ref.number);
  if (!inv) throw new SandboxAdminError(`No invoice ${ref.seriesName}${ref.number} for ${ref.cif}`, 404);
  return { company, inv };
}

export async function cancelInvoice(sql: Sql, input: z.input<typeof S.invoiceRefInput>): Promise<{ changed: boolean }> {
  const { inv } = await requireInvoice(sql, S.invoiceRefInput.parse(input));
  return { changed: await setCancelled(sql, inv, true) };
}

export async function restoreInvoice(sql: Sql, input: z.input<typeof S.invoiceRefInput>): Promise<{ changed: boolean }> {
  const { inv } = await requireInvoice(sql, S.invoiceRefInput.parse(input));
  return { changed: await setCancelled(sql, inv, false) };
}

/** Deletes any invoice, last in its series or not: drift the API itself would not allow. */
export async function deleteInvoice(sql: Sql, input: z.input<typeof S.invoiceRefInput>): Promise<void> {
  const ref = S.invoiceRefInput.parse(input);
  const { company } = await requireInvoice(sql, ref);
  await removeInvoice(sql, company, ref.seriesName, ref.number, { onlyLast: false });
}

export async function markInvoicePaid(
  sql: Sql,
  input: z.input<typeof S.markPaidInput>,
  now: Date = new Date(),
): Promise<{ paymentId: number }> {
  const ref = S.markPaidInput.parse(input);
  const { inv } = await requireInvoice(sql, ref);
  return { paymentId: await pay(sql, inv, { value: ref.valueBani, type: ref.type, now }) };
}

export async function setNextNumber(sql: Sql, input: z.input<typeof S.setNextNumberInput>): Promise<void> {
  const s = S.setNextNumberInput.parse(input);
  const company = await requireCompany(sql, s.cif);
  const rows = await sql`
    update smartbill_sandbox.series set next_number = ${s.nextNumber}
    where company_id = ${company.id} and type = ${s.type} and name = ${s.seriesName} returning name`;
  if (!rows.length) throw new SandboxAdminError(`No series ${s.seriesName} (${s.type}) for ${s.cif}`, 404);
}

export async function setQuota(sql: Sql, input: z.input<typeof S.setQuotaInput>): Promise<void> {
  const q = S.setQuotaInput.parse(input);
  const company = await requireCompany(sql, q.cif);
  await sql`
    update smartbill_sandbox.companies
    set quota_remaining = ${q.remaining}, quota_total = ${q.total === undefined ? company.quotaTotal : q.total}
    where id = ${company.id}`;
}

export interface InvoiceView extends Invoice {
  cif: string;
  /** Amounts in bani, like totalNet / totalVat / total. */
  paid: number;
}

/**
 * An invoice issued in SmartBill's own UI by someone at the school: the series' next number (the same
 * counter the API takes from), one line, the total asked for, no Bursar mark. Not an API call, so no
 * rate limit and no call-log entry; the plan's quota counts it as it counts any document.
 */
export async function issueAsPerson(
  sql: Sql,
  input: z.input<typeof S.issueAsPersonInput>,
  now: Date = new Date(),
): Promise<InvoiceView> {
  const p = S.issueAsPersonInput.parse(input);
  const company = await requireCompany(sql, p.cif);
  if (!(await findSeries(sql, company.id, "f", p.seriesName))) {
    throw new SandboxAdminError(`No series ${p.seriesName} (f) for ${p.cif}`, 404);
  }
  const taxes = company.vatPayer ? await listTaxes(sql, company.id) : [];
  const tax = taxes.find((t) => t.name === "Normala") ?? taxes[0] ?? null;
  // Entered as a price with VAT, as a person typing the amount to collect would: the total is exact.
  const line = { quantity: 1, price: p.totalBani / 100, isTaxIncluded: true, isDiscount: false, vatPercent: tax?.percentage ?? 0 };
  const computed = computeInvoice([line], company.vatPayer);
  if (!computed.ok) throw new Error("one line without a discount always computes");
  const doc: PreparedInvoice = {
    seriesName: p.seriesName,
    isDraft: false,
    issueDate: todayInBucharest(now),
    dueDate: null,
    currency: "RON",
    language: "RO",
    client: { name: p.clientName, country: "Romania" },
    lines: [
      {
        ...line,
        name: p.productName,
        code: "",
        measuringUnitName: "buc",
        isService: true,
        taxName: tax?.name ?? "",
        ...computed.lines[0]!,
      },
    ],
    totals: computed.totals,
    paymentUrl: null,
    payment: null,
    email: null,
    observations: null,
    mentions: p.mentions ?? null,
  };
  const issued = await issueInvoice(sql, company, doc, now);
  if (!issued.ok) throw new SandboxAdminError(issued.errorText, 400);
  return { ...issued.invoice, cif: company.cif, paid: 0 };
}

/** Late commits (the late_commit fault) still to happen in this process. */
export async function pendingCommits(sql: Sql, input: z.input<typeof S.accountFilterInput> = {}): Promise<LateCommitView[]> {
  const f = S.accountFilterInput.parse(input);
  const accountId = f.account ? (await requireAccount(sql, f.account)).id : undefined;
  return pendingLateCommits(accountId);
}

/** Waits for the pending late commits (or, with `now`, makes them happen at once); what each answered. */
export async function settle(sql: Sql, input: z.input<typeof S.settleInput> = {}): Promise<LateCommitResult[]> {
  const f = S.settleInput.parse(input);
  const accountId = f.account ? (await requireAccount(sql, f.account)).id : undefined;
  return settleLateCommits({ accountId, now: f.now });
}

export async function listInvoices(sql: Sql, input: z.input<typeof S.listInvoicesInput> = {}): Promise<InvoiceView[]> {
  const f = S.listInvoicesInput.parse(input);
  const company = f.cif ? await requireCompany(sql, f.cif) : undefined;
  const invoices = await list(sql, { companyId: company?.id, seriesName: f.seriesName, limit: f.limit });
  if (!invoices.length) return [];
  const ids = invoices.map((i) => i.id);
  const extra = await sql<{ id: string; cif: string; paid: string | null }[]>`
    select i.id, c.cif, (select sum(p.value) from smartbill_sandbox.payments p where p.invoice_id = i.id) as paid
    from smartbill_sandbox.invoices i join smartbill_sandbox.companies c on c.id = i.company_id
    where i.id = any(${ids})`;
  const byId = new Map(extra.map((e) => [Number(e.id), e]));
  return invoices.map((i) => ({ ...i, cif: byId.get(i.id)?.cif ?? "", paid: Number(byId.get(i.id)?.paid ?? 0) }));
}

export async function listPayments(sql: Sql, input: z.input<typeof S.companyFilterInput> = {}) {
  const f = S.companyFilterInput.parse(input);
  const company = f.cif ? await requireCompany(sql, f.cif) : undefined;
  const rows = await sql<{ id: string; invoiceId: string | null; value: string }[]>`
    select id, invoice_id as "invoiceId", type, value, is_cash as "isCash", series_name as "seriesName", number,
      issue_date::text as "issueDate", source, created_at as "createdAt"
    from smartbill_sandbox.payments ${company ? sql`where company_id = ${company.id}` : sql``} order by id`;
  return rows.map((r) => ({
    ...r,
    id: Number(r.id),
    invoiceId: r.invoiceId === null ? null : Number(r.invoiceId),
    value: Number(r.value),
  }));
}

export async function listEmails(sql: Sql, input: z.input<typeof S.companyFilterInput> = {}) {
  const f = S.companyFilterInput.parse(input);
  const company = f.cif ? await requireCompany(sql, f.cif) : undefined;
  const rows = await sql<{ id: string; invoiceId: string | null }[]>`
    select id, invoice_id as "invoiceId", recipients, subject, body, created_at as "createdAt"
    from smartbill_sandbox.emails ${company ? sql`where company_id = ${company.id}` : sql``} order by id`;
  return rows.map((r) => ({ ...r, id: Number(r.id), invoiceId: r.invoiceId === null ? null : Number(r.invoiceId) }));
}

export async function readCallLog(sql: Sql, input: z.input<typeof S.readCallLogInput> = {}): Promise<CallLogEntry[]> {
  const f = S.readCallLogInput.parse(input);
  const tokenHash = f.account ? (await requireAccount(sql, f.account)).tokenHash : f.tokenHash;
  return readLog(sql, { tokenHash, path: f.path, afterId: f.afterId, limit: f.limit });
}

export async function clearCallLog(sql: Sql): Promise<void> {
  await sql`truncate smartbill_sandbox.call_log`;
}
