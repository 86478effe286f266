import "server-only";
import { and, asc, eq, gt, isNull, sql } from "drizzle-orm";
import type { Executor } from "@/db";
import { invitations, memberships, organisations, users, type Role } from "@/db/schema";

const open = and(isNull(invitations.acceptedAt), isNull(invitations.revokedAt));
const unexpired = gt(invitations.expiresAt, sql`now()`);

export async function listPendingInvitations(db: Executor, orgId: string) {
  return db
    .select({ id: invitations.id, email: invitations.email, role: invitations.role, expiresAt: invitations.expiresAt })
    .from(invitations)
    .where(and(eq(invitations.orgId, orgId), open, unexpired))
    .orderBy(asc(invitations.createdAt));
}

export async function isMemberByEmail(db: Executor, orgId: string, email: string): Promise<boolean> {
  const [row] = await db
    .select({ id: users.id })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.orgId, orgId), eq(users.email, email)));
  return !!row;
}

// Serialises invitation sends per key (an admin, a school) until the caller's transaction ends. Callers
// take the admin's lock before the school's.
export async function lockInvitationKey(tx: Executor, key: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`invite:${key}`}, 0))`);
}

/** Open, unexpired invitations of the school, counting at most `limit`. */
export async function countOpenInvitations(tx: Executor, orgId: string, limit: number): Promise<number> {
  const rows = await tx
    .select({ id: invitations.id })
    .from(invitations)
    .where(and(eq(invitations.orgId, orgId), open, unexpired))
    .limit(limit);
  return rows.length;
}

/** Invitations the user created since `since` in any school (withdrawn and replaced ones too), at most `limit`. */
export async function countInvitationsSentSince(tx: Executor, userId: string, since: Date, limit: number): Promise<number> {
  const rows = await tx
    .select({ id: invitations.id })
    .from(invitations)
    .where(and(eq(invitations.invitedBy, userId), gt(invitations.createdAt, since)))
    .limit(limit);
  return rows.length;
}

export async function revokeOpenInvitationsFor(db: Executor, orgId: string, email: string, now: Date) {
  await db
    .update(invitations)
    .set({ revokedAt: now })
    .where(and(eq(invitations.orgId, orgId), eq(invitations.email, email), open));
}

export async function insertInvitation(
  db: Executor,
  v: { orgId: string; email: string; role: Role; tokenHash: string; invitedBy: string; expiresAt: Date },
): Promise<string> {
  const [row] = await db.insert(invitations).values(v).returning({ id: invitations.id });
  return row!.id;
}

/** Revokes one open invitation of the organisation; returns its address, or null when none matched. */
export async function revokeInvitationById(db: Executor, orgId: string, invitationId: string, now: Date) {
  const [row] = await db
    .update(invitations)
    .set({ revokedAt: now })
    .where(and(eq(invitations.orgId, orgId), eq(invitations.id, invitationId), open))
    .returning({ email: invitations.email });
  return row?.email ?? null;
}

/** What the invitation page shows: open and unexpired invitations only, found by the token's hash. */
export async function getOpenInvitationByTokenHash(db: Executor, tokenHash: string) {
  const [row] = await db
    .select({
      id: invitations.id,
      email: invitations.email,
      role: invitations.role,
      orgId: invitations.orgId,
      orgName: organisations.name,
      inviterName: users.name,
    })
    .from(invitations)
    .innerJoin(organisations, eq(organisations.id, invitations.orgId))
    .leftJoin(users, eq(users.id, invitations.invitedBy))
    .where(and(eq(invitations.tokenHash, tokenHash), open, unexpired));
  return row ?? null;
}

/** Inside a transaction: the open invitation, locked until it is accepted. */
export async function lockOpenInvitationByTokenHash(tx: Executor, tokenHash: string) {
  const [row] = await tx
    .select({ id: invitations.id, orgId: invitations.orgId, email: invitations.email, role: invitations.role })
    .from(invitations)
    .where(and(eq(invitations.tokenHash, tokenHash), open, unexpired))
    .for("update");
  return row ?? null;
}

export async function markInvitationAccepted(tx: Executor, invitationId: string, now: Date) {
  await tx.update(invitations).set({ acceptedAt: now }).where(eq(invitations.id, invitationId));
}

export async function insertMembershipIfAbsent(tx: Executor, v: { orgId: string; userId: string; role: Role }) {
  await tx.insert(memberships).values(v).onConflictDoNothing();
}
