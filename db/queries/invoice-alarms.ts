import "server-only";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import type { Executor } from "@/db";
import { invoiceAlarms, invoiceRequests, registrations, type InvoiceAlarm } from "@/db/schema";

// Alarms (issue 15): invoices SmartBill holds that no request could take as its own. Each waits in the
// reconcile inbox until a person cancels it in SmartBill (storno) and marks it resolved. Organisation first.

export interface OpenAlarmRow {
  alarm: InvoiceAlarm;
  /** The registration of the request the alarm is about; null when it has none (or it is gone). */
  registration: { id: string; reference: string; participantName: string } | null;
}

/** The school's open alarms, newest first, with the registration of the request each one names. */
export async function listOpenAlarms(db: Executor, orgId: string, page: { limit: number }): Promise<OpenAlarmRow[]> {
  const rows = await db
    .select({
      alarm: invoiceAlarms,
      registrationId: registrations.id,
      reference: registrations.reference,
      participantName: registrations.participantName,
    })
    .from(invoiceAlarms)
    .leftJoin(invoiceRequests, and(eq(invoiceRequests.orgId, invoiceAlarms.orgId), eq(invoiceRequests.id, invoiceAlarms.requestId)))
    .leftJoin(registrations, and(eq(registrations.orgId, invoiceRequests.orgId), eq(registrations.id, invoiceRequests.registrationId)))
    .where(and(eq(invoiceAlarms.orgId, orgId), isNull(invoiceAlarms.resolvedAt)))
    .orderBy(desc(invoiceAlarms.createdAt), desc(invoiceAlarms.id))
    .limit(page.limit);
  return rows.map((r) => ({
    alarm: r.alarm,
    registration: r.registrationId ? { id: r.registrationId, reference: r.reference!, participantName: r.participantName! } : null,
  }));
}

/** How many alarms wait for a person. */
export async function countOpenAlarms(db: Executor, orgId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(invoiceAlarms)
    .where(and(eq(invoiceAlarms.orgId, orgId), isNull(invoiceAlarms.resolvedAt)));
  return row?.n ?? 0;
}

/** One alarm of the school, open or resolved. */
export async function getInvoiceAlarm(db: Executor, orgId: string, alarmId: string): Promise<InvoiceAlarm | null> {
  const [row] = await db.select().from(invoiceAlarms).where(and(eq(invoiceAlarms.orgId, orgId), eq(invoiceAlarms.id, alarmId)));
  return row ?? null;
}

/** Marks an open alarm resolved; null when it is not open (unknown, another school's, or resolved already). */
export async function markAlarmResolved(db: Executor, orgId: string, alarmId: string, resolvedBy: string | null): Promise<InvoiceAlarm | null> {
  const [row] = await db
    .update(invoiceAlarms)
    .set({ resolvedAt: sql`now()`, resolvedBy })
    .where(and(eq(invoiceAlarms.orgId, orgId), eq(invoiceAlarms.id, alarmId), isNull(invoiceAlarms.resolvedAt)))
    .returning();
  return row ?? null;
}
