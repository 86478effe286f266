import "server-only";
import { and, asc, eq, gt, isNull, sql } from "drizzle-orm";
import type { Database } from "@/db";
import { invitations, memberships, organisations, users, type Role } from "@/db/schema";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { writeAudit } from "@/lib/audit";
import { AppError } from "@/lib/errors";
import { hashInviteToken, INVITE_TTL_MS, newInviteToken } from "./tokens";

const open = and(isNull(invitations.acceptedAt), isNull(invitations.revokedAt));

export async function listPendingInvitations(db: Database, orgId: string) {
  return db
    .select({ id: invitations.id, email: invitations.email, role: invitations.role, expiresAt: invitations.expiresAt })
    .from(invitations)
    .where(and(eq(invitations.orgId, orgId), open, gt(invitations.expiresAt, sql`now()`)))
    .orderBy(asc(invitations.createdAt));
}

// Inviting the same address again withdraws the earlier link and returns a fresh one.
export async function createInvitation(
  db: Database,
  p: { orgId: string; actorUserId: string; email: string; role: Role },
): Promise<{ token: string; email: string }> {
  const email = p.email.toLowerCase();
  const existing = await db
    .select({ id: users.id })
    .from(users)
    .innerJoin(memberships, and(eq(memberships.userId, users.id), eq(memberships.orgId, p.orgId)))
    .where(eq(users.email, email));
  if (existing.length) throw new AppError("validation", "team.invite.alreadyMember", { email: ["team.invite.alreadyMember"] });
  const { token, hash } = newInviteToken();
  await db.transaction(async (tx) => {
    await tx
      .update(invitations)
      .set({ revokedAt: new Date() })
      .where(and(eq(invitations.orgId, p.orgId), eq(invitations.email, email), open));
    const [inv] = await tx
      .insert(invitations)
      .values({ orgId: p.orgId, email, role: p.role, tokenHash: hash, invitedBy: p.actorUserId, expiresAt: new Date(Date.now() + INVITE_TTL_MS) })
      .returning({ id: invitations.id });
    await writeAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      action: "invitation.created",
      entityType: "invitation",
      entityId: inv!.id,
      details: { email, role: p.role },
    });
  });
  return { token, email };
}

export async function revokeInvitation(db: Database, p: { orgId: string; actorUserId: string; invitationId: string }) {
  const done = await db
    .update(invitations)
    .set({ revokedAt: new Date() })
    .where(and(eq(invitations.orgId, p.orgId), eq(invitations.id, p.invitationId), open))
    .returning({ email: invitations.email });
  if (!done.length) throw new AppError("not_found", "auth.invite.invalid");
  await writeAudit(db, {
    orgId: p.orgId,
    actorUserId: p.actorUserId,
    action: "invitation.revoked",
    entityType: "invitation",
    entityId: p.invitationId,
    details: { email: done[0]!.email },
  });
}

export async function findOpenInvitation(db: Database, token: string) {
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
    .where(and(eq(invitations.tokenHash, hashInviteToken(token)), open, gt(invitations.expiresAt, sql`now()`)));
  if (!row) return null;
  const [account] = await db.select({ id: users.id }).from(users).where(eq(users.email, row.email));
  return { ...row, hasAccount: !!account };
}

// New address: creates the user with the chosen password. Known address: the password proves it is theirs.
export async function acceptInvitation(
  db: Database,
  p: { token: string; name?: string; password: string },
): Promise<{ email: string }> {
  return db.transaction(async (tx) => {
    const [inv] = await tx
      .select()
      .from(invitations)
      .where(and(eq(invitations.tokenHash, hashInviteToken(p.token)), open, gt(invitations.expiresAt, sql`now()`)))
      .for("update");
    if (!inv) throw new AppError("not_found", "auth.invite.invalid");
    let [user] = await tx.select().from(users).where(eq(users.email, inv.email));
    if (user) {
      if (!(await verifyPassword(p.password, user.passwordHash))) {
        throw new AppError("validation", "auth.invite.wrongPassword", { password: ["auth.invite.wrongPassword"] });
      }
    } else {
      const fieldErrors: Record<string, string[]> = {};
      if (!p.name || p.name.length < 2) fieldErrors.name = ["nameShort"];
      if (p.password.length < 8) fieldErrors.password = ["passwordShort"];
      if (Object.keys(fieldErrors).length) throw new AppError("validation", "validation.required", fieldErrors);
      [user] = await tx
        .insert(users)
        .values({ email: inv.email, name: p.name!, passwordHash: await hashPassword(p.password) })
        .returning();
    }
    await tx
      .insert(memberships)
      .values({ orgId: inv.orgId, userId: user!.id, role: inv.role })
      .onConflictDoNothing();
    await tx.update(invitations).set({ acceptedAt: new Date() }).where(eq(invitations.id, inv.id));
    await writeAudit(tx, {
      orgId: inv.orgId,
      actorUserId: user!.id,
      action: "invitation.accepted",
      entityType: "invitation",
      entityId: inv.id,
      details: { email: inv.email, role: inv.role },
    });
    return { email: inv.email };
  });
}
