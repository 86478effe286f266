import "server-only";
import { and, desc, eq, gt } from "drizzle-orm";
import type { Database } from "@/db";
import { signInAttempts } from "@/db/schema";

// After MAX_FAILURES failed sign-ins within WINDOW for one address, sign-in is refused until the
// oldest of them leaves the window. A success resets the count.
export const MAX_FAILURES = 5;
export const WINDOW_MS = 15 * 60 * 1000;

export async function lockedUntil(db: Database, email: string, now = new Date()): Promise<Date | null> {
  const since = new Date(now.getTime() - WINDOW_MS);
  const recent = await db
    .select({ succeeded: signInAttempts.succeeded, createdAt: signInAttempts.createdAt })
    .from(signInAttempts)
    .where(and(eq(signInAttempts.email, email), gt(signInAttempts.createdAt, since)))
    .orderBy(desc(signInAttempts.createdAt))
    .limit(MAX_FAILURES);
  const failures = [];
  for (const a of recent) {
    if (a.succeeded) break;
    failures.push(a);
  }
  if (failures.length < MAX_FAILURES) return null;
  const oldest = failures[failures.length - 1]!.createdAt;
  return new Date(oldest.getTime() + WINDOW_MS);
}

export async function recordAttempt(db: Database, email: string, succeeded: boolean): Promise<void> {
  await db.insert(signInAttempts).values({ email, succeeded });
}
