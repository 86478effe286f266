import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Transaction } from "@/db";
import { payments, registrations, type Registration } from "@/db/schema";
import { AppError } from "@/lib/errors";

/** Locks the registration row for the rest of the transaction: payments on it run one at a time. */
export async function lockRegistration(tx: Transaction, orgId: string, registrationId: string): Promise<Registration> {
  const [row] = await tx
    .select()
    .from(registrations)
    .where(and(eq(registrations.orgId, orgId), eq(registrations.id, registrationId)))
    .for("update");
  if (!row) throw new AppError("not_found", "registrationErrors.errors.registrationNotFound");
  return row;
}

/** Sets paid_bani to the sum of the registration's payments that are not voided (balance and status follow). */
export async function recomputePaid(tx: Transaction, orgId: string, registrationId: string): Promise<Registration> {
  const paid = tx
    .select({ sum: sql`coalesce(sum(${payments.amountBani}), 0)` })
    .from(payments)
    .where(and(eq(payments.orgId, orgId), eq(payments.registrationId, registrationId), isNull(payments.voidedAt)));
  const [row] = await tx
    .update(registrations)
    .set({ paidBani: sql`(${paid})`, updatedAt: sql`now()` })
    .where(and(eq(registrations.orgId, orgId), eq(registrations.id, registrationId)))
    .returning();
  return row!;
}
