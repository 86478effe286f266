import "server-only";
import { and, desc, eq, sql, type SQL } from "drizzle-orm";
import type { Executor } from "@/db";
import { outsideInvoices, type OutsideInvoice } from "@/db/schema";

// Invoices in a bound series that carry no Bursar mark: someone issued them in SmartBill directly.
// Bursar never links them and the register export leaves them out; the list only shows they exist.
// Organisation first.

export interface OutsideInvoiceRange {
  /** Calendar dates "YYYY-MM-DD" in Europe/Bucharest, both included, on when Bursar saw the invoice. */
  from?: string | null;
  to?: string | null;
}

function whereOf(orgId: string, r: OutsideInvoiceRange): SQL {
  const conditions: SQL[] = [eq(outsideInvoices.orgId, orgId)];
  if (r.from) conditions.push(sql`${outsideInvoices.seenAt} >= (${r.from}::date)::timestamp at time zone 'Europe/Bucharest'`);
  if (r.to) conditions.push(sql`${outsideInvoices.seenAt} < (${r.to}::date + 1)::timestamp at time zone 'Europe/Bucharest'`);
  return and(...conditions)!;
}

/** The school's invoices issued outside Bursar, newest seen first. */
export async function listOutsideInvoices(db: Executor, orgId: string, r: OutsideInvoiceRange & { limit: number }): Promise<OutsideInvoice[]> {
  return db
    .select()
    .from(outsideInvoices)
    .where(whereOf(orgId, r))
    .orderBy(desc(outsideInvoices.seenAt), desc(outsideInvoices.seriesName), desc(outsideInvoices.number))
    .limit(r.limit);
}

/** How many there are in the range. */
export async function countOutsideInvoices(db: Executor, orgId: string, r: OutsideInvoiceRange = {}): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(outsideInvoices).where(whereOf(orgId, r));
  return row?.n ?? 0;
}
