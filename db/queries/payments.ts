import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Executor } from "@/db";
import { payments, users, type Payment } from "@/db/schema";

/** A registration's payments, voided ones included (history is never lost), oldest first. */
export async function listPayments(db: Executor, orgId: string, registrationId: string) {
  const recorder = alias(users, "recorder");
  const voider = alias(users, "voider");
  return db
    .select({ payment: payments, recordedByName: recorder.name, voidedByName: voider.name })
    .from(payments)
    .leftJoin(recorder, eq(recorder.id, payments.recordedBy))
    .leftJoin(voider, eq(voider.id, payments.voidedBy))
    .where(and(eq(payments.orgId, orgId), eq(payments.registrationId, registrationId)))
    .orderBy(asc(payments.paidOn), asc(payments.createdAt), asc(payments.id));
}

/** One payment of the organisation, or null (also for another organisation's id). */
export async function getPayment(db: Executor, orgId: string, paymentId: string): Promise<Payment | null> {
  const [row] = await db.select().from(payments).where(and(eq(payments.orgId, orgId), eq(payments.id, paymentId)));
  return row ?? null;
}
