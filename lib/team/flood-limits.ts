import "server-only";
import type { Executor } from "@/db";
import { countInvitationsSentSince, countOpenInvitations, lockInvitationKey } from "@/db/queries/invitations";
import { countSignUpAttemptsSince, insertSignUpAttempt, lockSignUps } from "@/db/queries/sign-up-attempts";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";

// Bounds on what one visitor or one admin can create (docs/security.md, "Sign-up and invitation floods").
// State lives in PostgreSQL under advisory locks, so the limits hold across app instances.

export const HOUR_MS = 60 * 60 * 1000;
/** Open (pending, unexpired) invitations one school may have at a time. */
export const MAX_OPEN_INVITATIONS = 50;
/** Invitations one admin may create per hour, in all their schools together. */
export const MAX_INVITATIONS_PER_ADMIN_PER_HOUR = 20;

/** Sign-ups per hour from one client address and from everyone (defaults 5 and 50; lib/env.ts). */
export function signUpLimits() {
  const e = env();
  return { perClient: e.BURSAR_SIGN_UPS_PER_CLIENT_PER_HOUR, global: e.BURSAR_SIGN_UPS_PER_HOUR };
}

/**
 * Counts one sign-up attempt, or refuses it when the client address (when known) or everyone together
 * reached the hour's limit. Every attempt past validation counts, whether an account results or not:
 * "this address is taken" answers are bounded too.
 */
export async function reserveSignUp(tx: Executor, p: { clientAddress: string | null; now?: Date }): Promise<void> {
  const now = p.now ?? new Date();
  const since = new Date(now.getTime() - HOUR_MS);
  const limits = signUpLimits();
  await lockSignUps(tx);
  if (p.clientAddress) {
    const fromClient = await countSignUpAttemptsSince(tx, { since, clientAddress: p.clientAddress, limit: limits.perClient });
    if (fromClient >= limits.perClient) throw new AppError("rate_limited", "auth.signUp.tooManyFromClient");
  }
  if ((await countSignUpAttemptsSince(tx, { since, limit: limits.global })) >= limits.global) {
    throw new AppError("rate_limited", "auth.signUp.tooMany");
  }
  await insertSignUpAttempt(tx, { clientAddress: p.clientAddress, createdAt: now });
}

/**
 * Inside the transaction that creates an invitation, after any earlier one for the same address was
 * withdrawn: refuses when the admin sent too many this hour or the school has too many open.
 */
export async function checkInvitationLimits(tx: Executor, p: { orgId: string; actorUserId: string; now?: Date }): Promise<void> {
  const now = p.now ?? new Date();
  await lockInvitationKey(tx, `admin:${p.actorUserId}`);
  await lockInvitationKey(tx, `org:${p.orgId}`);
  const sent = await countInvitationsSentSince(tx, p.actorUserId, new Date(now.getTime() - HOUR_MS), MAX_INVITATIONS_PER_ADMIN_PER_HOUR);
  if (sent >= MAX_INVITATIONS_PER_ADMIN_PER_HOUR) throw new AppError("rate_limited", "team.invite.tooManySent");
  if ((await countOpenInvitations(tx, p.orgId, MAX_OPEN_INVITATIONS)) >= MAX_OPEN_INVITATIONS) {
    throw new AppError("conflict", "team.invite.tooManyOpen");
  }
}
