import "server-only";
import type { Database } from "@/db";
import {
  insertSignInAttempt,
  listRecentSignInAttemptsOfDevice,
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
// Per known device (lib/auth/device-cookie.ts): a browser that presents a genuine token for the account
// is counted on its own instead, MAX_DEVICE_FAILURES failures within WINDOW since its last success; past
// that the token counts for nothing and the attempt meets the two limits above like any other client.
// Neither of those counts the device's attempts, so strangers cannot lock the owner's browser out.
export const MAX_FAILURES = 5;
export const MAX_CLIENT_FAILURES = 20;
export const MAX_DEVICE_FAILURES = 5;
export const WINDOW_MS = 15 * 60 * 1000;

export type ThrottleScope = "account" | "client";
export type Reservation = { ok: true; attemptId: string } | { ok: false; scope: ThrottleScope; until: Date };
type Attempt = { succeeded: boolean; createdAt: Date };

const failuresSinceSuccess = (recent: Attempt[]) => {
  const lastSuccess = recent.findIndex((a) => a.succeeded);
  return lastSuccess === -1 ? recent : recent.slice(0, lastSuccess);
};

async function reserve(
  db: Database,
  p: { email: string; clientAddress: string | null; deviceId: string | null },
  now: Date,
): Promise<Reservation> {
  const { email, clientAddress, deviceId } = p;
  // Check and reservation happen under one lock per key, so parallel guesses queue up: each sees the
  // ones before it (reserved as failures) and at most MAX_FAILURES reach the password comparison.
  return db.transaction(async (tx) => {
    await lockSignInKey(tx, `email:${email}`);
    const since = new Date(now.getTime() - WINDOW_MS);
    if (deviceId) {
      await lockSignInKey(tx, `device:${deviceId}`);
      const recent = await listRecentSignInAttemptsOfDevice(tx, deviceId, since, MAX_DEVICE_FAILURES);
      if (failuresSinceSuccess(recent).length < MAX_DEVICE_FAILURES) {
        const attemptId = await insertSignInAttempt(tx, { email, clientAddress, deviceId, succeeded: false, createdAt: now });
        return { ok: true, attemptId };
      }
    }
    if (clientAddress) await lockSignInKey(tx, `client:${clientAddress}`);
    const failed = failuresSinceSuccess(await listRecentSignInAttemptsOfEmail(tx, email, since, MAX_FAILURES));
    if (failed.length >= MAX_FAILURES) {
      return { ok: false, scope: "account", until: new Date(failed[failed.length - 1]!.createdAt.getTime() + WINDOW_MS) };
    }
    if (clientAddress) {
      const fromClient = await listRecentSignInFailuresOfClient(tx, clientAddress, since, MAX_CLIENT_FAILURES);
      if (fromClient.length >= MAX_CLIENT_FAILURES) {
        return { ok: false, scope: "client", until: new Date(fromClient[fromClient.length - 1]!.createdAt.getTime() + WINDOW_MS) };
      }
    }
    const attemptId = await insertSignInAttempt(tx, { email, clientAddress, deviceId: null, succeeded: false, createdAt: now });
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
 * Runs `compare` (the password comparison) only when the address and the client are not locked out, or
 * the caller's known device (`deviceId`, already verified for this account) is not, counting it as a
 * failure unless it returns true. Throws ThrottledError when locked out.
 */
export async function checkPassword(
  db: Database,
  p: { email: string; clientAddress: string | null; deviceId?: string | null; now?: Date },
  compare: () => Promise<boolean>,
): Promise<boolean> {
  const reservation = await reserve(db, { ...p, deviceId: p.deviceId ?? null }, p.now ?? new Date());
  if (!reservation.ok) throw new ThrottledError(reservation.scope, reservation.until);
  const ok = await compare();
  if (ok) await markSignInAttemptSucceeded(db, reservation.attemptId);
  return ok;
}
