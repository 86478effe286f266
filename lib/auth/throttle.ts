import "server-only";
import type { Database } from "@/db";
import {
  insertSignInAttempt,
  listRecentSignInAttemptsOfEmail,
  listRecentSignInFailuresOfClient,
  lockSignInKey,
  markSignInAttemptSucceeded,
} from "@/db/queries/sign-in-attempts";

// Every password check goes through checkPassword(): sign-in and password change alike.
// Per account: after MAX_FAILURES failures within WINDOW since the last success, checks are refused
// until the oldest of them leaves the window. Per client address: after MAX_CLIENT_FAILURES failures
// within WINDOW, whatever the addresses tried (a success does not reset it: an attacker could sign in
// to an account of their own in between).
export const MAX_FAILURES = 5;
export const MAX_CLIENT_FAILURES = 20;
export const WINDOW_MS = 15 * 60 * 1000;

export type ThrottleScope = "account" | "client";
export type Reservation = { ok: true; attemptId: string } | { ok: false; scope: ThrottleScope; until: Date };

async function reserve(db: Database, email: string, clientAddress: string | null, now: Date): Promise<Reservation> {
  // Check and reservation happen under one lock per key, so parallel guesses queue up: each sees the
  // ones before it (reserved as failures) and at most MAX_FAILURES reach the password comparison.
  return db.transaction(async (tx) => {
    await lockSignInKey(tx, `email:${email}`);
    if (clientAddress) await lockSignInKey(tx, `client:${clientAddress}`);
    const since = new Date(now.getTime() - WINDOW_MS);
    const recent = await listRecentSignInAttemptsOfEmail(tx, email, since, MAX_FAILURES);
    const lastSuccess = recent.findIndex((a) => a.succeeded);
    const failed = lastSuccess === -1 ? recent : recent.slice(0, lastSuccess);
    if (failed.length >= MAX_FAILURES) {
      return { ok: false, scope: "account", until: new Date(failed[failed.length - 1]!.createdAt.getTime() + WINDOW_MS) };
    }
    if (clientAddress) {
      const fromClient = await listRecentSignInFailuresOfClient(tx, clientAddress, since, MAX_CLIENT_FAILURES);
      if (fromClient.length >= MAX_CLIENT_FAILURES) {
        return { ok: false, scope: "client", until: new Date(fromClient[fromClient.length - 1]!.createdAt.getTime() + WINDOW_MS) };
      }
    }
    const attemptId = await insertSignInAttempt(tx, { email, clientAddress, succeeded: false, createdAt: now });
    return { ok: true, attemptId };
  });
}

export class ThrottledError extends Error {
  constructor(
    public readonly scope: ThrottleScope,
    public readonly until: Date,
  ) {
    super(`throttled (${scope})`);
    this.name = "ThrottledError";
  }
}

/**
 * Runs `compare` (the password comparison) only when the address and the client are not locked out,
 * counting it as a failure unless it returns true. Throws ThrottledError when locked out.
 */
export async function checkPassword(
  db: Database,
  p: { email: string; clientAddress: string | null; now?: Date },
  compare: () => Promise<boolean>,
): Promise<boolean> {
  const reservation = await reserve(db, p.email, p.clientAddress, p.now ?? new Date());
  if (!reservation.ok) throw new ThrottledError(reservation.scope, reservation.until);
  const ok = await compare();
  if (ok) await markSignInAttemptSucceeded(db, reservation.attemptId);
  return ok;
}
