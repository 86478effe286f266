import "server-only";
import { and, desc, eq, gt, isNull, sql } from "drizzle-orm";
import type { Executor } from "@/db";
import { signInAttempts } from "@/db/schema";

// Serialises password checks per key until the caller's transaction ends. Callers take the e-mail's
// lock first, then the device's, then the client's, always in that order, so two checks can never wait
// on each other.
export async function lockSignInKey(tx: Executor, key: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`sign-in:${key}`}, 0))`);
}

/** The newest attempts for one address since `since` made without a known-device token, newest first. */
export async function listRecentSignInAttemptsOfEmail(tx: Executor, email: string, since: Date, limit: number) {
  return tx
    .select({ succeeded: signInAttempts.succeeded, createdAt: signInAttempts.createdAt })
    .from(signInAttempts)
    .where(and(eq(signInAttempts.email, email), gt(signInAttempts.createdAt, since), isNull(signInAttempts.deviceId)))
    .orderBy(desc(signInAttempts.createdAt))
    .limit(limit);
}

/** The newest attempts made with one known-device token since `since`, newest first. */
export async function listRecentSignInAttemptsOfDevice(tx: Executor, deviceId: string, since: Date, limit: number) {
  return tx
    .select({ succeeded: signInAttempts.succeeded, createdAt: signInAttempts.createdAt })
    .from(signInAttempts)
    .where(and(eq(signInAttempts.deviceId, deviceId), gt(signInAttempts.createdAt, since)))
    .orderBy(desc(signInAttempts.createdAt))
    .limit(limit);
}

/** The newest failed attempts from one client address since `since` without a known-device token, newest first. */
export async function listRecentSignInFailuresOfClient(tx: Executor, clientAddress: string, since: Date, limit: number) {
  return tx
    .select({ createdAt: signInAttempts.createdAt })
    .from(signInAttempts)
    .where(
      and(
        eq(signInAttempts.clientAddress, clientAddress),
        gt(signInAttempts.createdAt, since),
        eq(signInAttempts.succeeded, false),
        isNull(signInAttempts.deviceId),
      ),
    )
    .orderBy(desc(signInAttempts.createdAt))
    .limit(limit);
}

export async function insertSignInAttempt(
  tx: Executor,
  row: { email: string; clientAddress: string | null; deviceId: string | null; succeeded: boolean; createdAt: Date },
): Promise<string> {
  const [inserted] = await tx.insert(signInAttempts).values(row).returning({ id: signInAttempts.id });
  return inserted!.id;
}

export async function markSignInAttemptSucceeded(tx: Executor, id: string): Promise<void> {
  await tx.update(signInAttempts).set({ succeeded: true }).where(eq(signInAttempts.id, id));
}
