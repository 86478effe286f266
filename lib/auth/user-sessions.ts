import "server-only";
import type { Database, Executor } from "@/db";
import {
  getLiveUserSession,
  insertUserSession,
  revokeUserSession,
  revokeUserSessionsOfUser,
  touchUserSession,
} from "@/db/queries/user-sessions";

// A session lives at most MAX_AGE after sign-in and ends after IDLE of no requests; signing out or
// changing the password ends it at once. The JWT only names the row (lib/auth/options.ts).
export const SESSION_MAX_AGE_MS = 12 * 60 * 60 * 1000;
export const SESSION_IDLE_MS = 2 * 60 * 60 * 1000;
// Last-seen is refreshed at most this often, so a busy page costs one read, not a write, per request.
export const SESSION_TOUCH_MS = 60 * 1000;

export async function startUserSession(db: Database, userId: string, now = new Date()): Promise<string> {
  return insertUserSession(db, { userId, now, expiresAt: new Date(now.getTime() + SESSION_MAX_AGE_MS) });
}

export async function isUserSessionLive(
  db: Database,
  p: { userId: string; sessionId: string },
  now = new Date(),
): Promise<boolean> {
  const live = await getLiveUserSession(db, { ...p, now, idleSince: new Date(now.getTime() - SESSION_IDLE_MS) });
  if (!live) return false;
  const staleBefore = new Date(now.getTime() - SESSION_TOUCH_MS);
  if (live.lastSeenAt < staleBefore) await touchUserSession(db, { ...p, now, staleBefore });
  return true;
}

export async function endUserSession(db: Database, p: { userId: string; sessionId: string }, now = new Date()) {
  await revokeUserSession(db, { ...p, now });
}

export async function endOtherUserSessions(db: Executor, p: { userId: string; keepSessionId?: string }, now = new Date()) {
  await revokeUserSessionsOfUser(db, { ...p, now });
}
