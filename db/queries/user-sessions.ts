import "server-only";
import { and, eq, gt, isNull, lt, ne } from "drizzle-orm";
import type { Executor } from "@/db";
import { userSessions } from "@/db/schema";

// User first: every lookup names the user the JWT claims as well as the session id.

export async function insertUserSession(db: Executor, v: { userId: string; now: Date; expiresAt: Date }): Promise<string> {
  const [row] = await db
    .insert(userSessions)
    .values({ userId: v.userId, createdAt: v.now, lastSeenAt: v.now, expiresAt: v.expiresAt })
    .returning({ id: userSessions.id });
  return row!.id;
}

/** The session when it is neither revoked, past its lifetime, nor idle since `idleSince`. */
export async function getLiveUserSession(db: Executor, p: { userId: string; sessionId: string; now: Date; idleSince: Date }) {
  const [row] = await db
    .select({ id: userSessions.id, lastSeenAt: userSessions.lastSeenAt })
    .from(userSessions)
    .where(
      and(
        eq(userSessions.userId, p.userId),
        eq(userSessions.id, p.sessionId),
        isNull(userSessions.revokedAt),
        gt(userSessions.expiresAt, p.now),
        gt(userSessions.lastSeenAt, p.idleSince),
      ),
    );
  return row ?? null;
}

/** Moves last-seen forward unless it already is newer than `staleBefore` (at most one write a minute). */
export async function touchUserSession(db: Executor, p: { userId: string; sessionId: string; now: Date; staleBefore: Date }) {
  await db
    .update(userSessions)
    .set({ lastSeenAt: p.now })
    .where(and(eq(userSessions.userId, p.userId), eq(userSessions.id, p.sessionId), lt(userSessions.lastSeenAt, p.staleBefore)));
}

export async function revokeUserSession(db: Executor, p: { userId: string; sessionId: string; now: Date }) {
  await db
    .update(userSessions)
    .set({ revokedAt: p.now })
    .where(and(eq(userSessions.userId, p.userId), eq(userSessions.id, p.sessionId), isNull(userSessions.revokedAt)));
}

/** Every open session of the user, except `keepSessionId` when given (the one changing the password). */
export async function revokeUserSessionsOfUser(db: Executor, p: { userId: string; now: Date; keepSessionId?: string }) {
  await db
    .update(userSessions)
    .set({ revokedAt: p.now })
    .where(
      and(
        eq(userSessions.userId, p.userId),
        isNull(userSessions.revokedAt),
        p.keepSessionId ? ne(userSessions.id, p.keepSessionId) : undefined,
      ),
    );
}
