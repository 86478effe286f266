// State changes shared by the API (cancel, restore, delete) and by "changes made in the SmartBill UI"
// that the control API simulates.
import type { Company } from "./accounts";
import type { Q, Sql } from "./db";
import { findInvoice, insertPayment, lastInSeries, paidAmount, type Invoice } from "./invoices";
import { todayInBucharest } from "./util";

/** Returns false when the invoice already was in that state (both operations are idempotent). */
export async function setCancelled(q: Q, inv: Invoice, cancelled: boolean): Promise<boolean> {
  const target = cancelled ? "cancelled" : "active";
  const [row] = await q`
    update smartbill_sandbox.invoices set state = ${target}
    where id = ${inv.id} and state <> ${target} returning id`;
  if (!row) return false;
  // A cancelled storno no longer reverses its original.
  if (inv.stornoOf !== null) {
    await q`update smartbill_sandbox.invoices set reversed = ${!cancelled} where id = ${inv.stornoOf}`;
  }
  return true;
}

/**
 * Deletes a document. Through the API only the last of its series may go; the counter then steps back
 * when the company's delete_counter_mode is "reuse" (the default, [!] in SmartBill's docs).
 */
export async function removeInvoice(
  sql: Sql,
  company: Company,
  seriesName: string,
  number: string,
  opts: { onlyLast: boolean },
): Promise<"deleted" | "not_last" | "not_found"> {
  return sql.begin(async (tx) => {
    // The series lock queues this behind any issuer allocating in the same series.
    const [series] = await tx<{ nextNumber: number }[]>`
      select next_number as "nextNumber" from smartbill_sandbox.series
      where company_id = ${company.id} and type = 'f' and name = ${seriesName} for update`;
    const inv = await findInvoice(tx, company.id, seriesName, number, true);
    if (!inv) return "not_found";
    if (opts.onlyLast && (await lastInSeries(tx, company.id, seriesName)) !== inv.id) return "not_last";
    await tx`delete from smartbill_sandbox.invoices where id = ${inv.id}`;
    if (inv.stornoOf !== null) {
      await tx`update smartbill_sandbox.invoices set reversed = false where id = ${inv.stornoOf}`;
    }
    const n = Number.parseInt(inv.number, 10);
    if (company.deleteCounterMode === "reuse" && series && series.nextNumber === n + 1) {
      await tx`
        update smartbill_sandbox.series set next_number = ${n}
        where company_id = ${company.id} and type = 'f' and name = ${seriesName}`;
    }
    return "deleted";
  });
}

/** A collection recorded outside the API (bank import, manual entry): pays the rest unless told otherwise. */
export async function markPaid(
  sql: Sql,
  inv: Invoice,
  opts: { value?: number; type?: string; now: Date },
): Promise<number> {
  return sql.begin(async (tx) => {
    await tx`select id from smartbill_sandbox.invoices where id = ${inv.id} for update`;
    const value = opts.value ?? Math.max(0, inv.total - (await paidAmount(tx, inv.id)));
    return insertPayment(tx, {
      companyId: inv.companyId,
      invoiceId: inv.id,
      type: opts.type ?? "Ordin plata",
      value,
      isCash: false,
      issueDate: todayInBucharest(opts.now),
      client: inv.client,
      source: "external",
      createdAt: opts.now,
    });
  });
}
