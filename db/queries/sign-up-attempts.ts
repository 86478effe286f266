import "server-only";
import { and, eq, gt, sql } from "drizzle-orm";
import type { Executor } from "@/db";
import { signUpAttempts } from "@/db/schema";

// One lock for every sign-up, held until the caller's transaction ends: the count and the new row are
// one step, across app instances. Sign-ups are rare enough that queueing them costs nothing.
export async function lockSignUps(tx: Executor): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended('sign-up', 0))`);
}

/** How many sign-ups since `since` (from one client address when given), counting at most `limit`. */
export async function countSignUpAttemptsSince(tx: Executor, p: { since: Date; clientAddress?: string; limit: number }) {
  const rows = await tx
    .select({ id: signUpAttempts.id })
    .from(signUpAttempts)
    .where(
      and(
        p.clientAddress === undefined ? undefined : eq(signUpAttempts.clientAddress, p.clientAddress),
        gt(signUpAttempts.createdAt, p.since),
      ),
    )
    .limit(p.limit);
  return rows.length;
}

export async function insertSignUpAttempt(tx: Executor, row: { clientAddress: string | null; createdAt: Date }) {
  await tx.insert(signUpAttempts).values(row);
}
