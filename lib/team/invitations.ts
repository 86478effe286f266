import "server-only";
import type { Database, Executor } from "@/db";
import type { Role } from "@/db/schema";
import {
  getOpenInvitationByTokenHash,
  insertInvitation,
  insertMembershipIfAbsent,
  isMemberByEmail,
  lockOpenInvitationByTokenHash,
  markInvitationAccepted,
  revokeInvitationById,
  revokeOpenInvitationsFor,
} from "@/db/queries/invitations";
import { getUserProfile, insertUser, userExistsWithEmail } from "@/db/queries/users";
import { hashPassword } from "@/lib/auth/password";
import { writeAudit } from "@/lib/audit";
import { AppError } from "@/lib/errors";
import { checkInvitationLimits } from "./flood-limits";
import { hashInviteToken, INVITE_TTL_MS, newInviteToken } from "./tokens";
import { isUniqueViolation } from "@/db/errors";

export { listPendingInvitations } from "@/db/queries/invitations";

// Inviting the same address again withdraws the earlier link and returns a fresh one. Each send counts
// towards the admin's hourly limit; the school's open invitations are capped (lib/team/flood-limits.ts).
export async function createInvitation(
  db: Database,
  p: { orgId: string; actorUserId: string; email: string; role: Role },
): Promise<{ token: string; email: string }> {
  const email = p.email.toLowerCase();
  if (await isMemberByEmail(db, p.orgId, email)) {
    throw new AppError("validation", "team.invite.alreadyMember", { email: ["team.invite.alreadyMember"] });
  }
  const { token, hash } = newInviteToken();
  await db.transaction(async (tx) => {
    await revokeOpenInvitationsFor(tx, p.orgId, email, new Date());
    await checkInvitationLimits(tx, { orgId: p.orgId, actorUserId: p.actorUserId });
    const id = await insertInvitation(tx, {
      orgId: p.orgId,
      email,
      role: p.role,
      tokenHash: hash,
      invitedBy: p.actorUserId,
      expiresAt: new Date(Date.now() + INVITE_TTL_MS),
    });
    await writeAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      action: "invitation.created",
      entityType: "invitation",
      entityId: id,
      details: { email, role: p.role },
    });
  });
  return { token, email };
}

export async function revokeInvitation(db: Database, p: { orgId: string; actorUserId: string; invitationId: string }) {
  const email = await revokeInvitationById(db, p.orgId, p.invitationId, new Date());
  if (!email) throw new AppError("not_found", "auth.invite.invalid");
  await writeAudit(db, {
    orgId: p.orgId,
    actorUserId: p.actorUserId,
    action: "invitation.revoked",
    entityType: "invitation",
    entityId: p.invitationId,
    details: { email },
  });
}

// The page tells nobody whether the invited address already has an account: it offers both ways in
// (create an account, or sign in as that address) and the server decides on submit.
export async function findOpenInvitation(db: Database, token: string) {
  return getOpenInvitationByTokenHash(db, hashInviteToken(token));
}

async function joinOrganisation(tx: Executor, inv: { id: string; orgId: string; email: string; role: Role }, userId: string) {
  await insertMembershipIfAbsent(tx, { orgId: inv.orgId, userId, role: inv.role });
  await markInvitationAccepted(tx, inv.id, new Date());
  await writeAudit(tx, {
    orgId: inv.orgId,
    actorUserId: userId,
    action: "invitation.accepted",
    entityType: "invitation",
    entityId: inv.id,
    details: { email: inv.email, role: inv.role },
  });
}

// A new address: the link's token is the authorisation, and the visitor chooses the password. An
// address that already has an account is refused here: its owner signs in first and accepts below,
// so this public form never checks an existing password.
export async function acceptInvitationAsNewUser(
  db: Database,
  p: { token: string; name: string; password: string },
): Promise<{ email: string }> {
  // A cheap look first, so a wrong token costs no bcrypt round.
  if (!(await getOpenInvitationByTokenHash(db, hashInviteToken(p.token)))) throw new AppError("not_found", "auth.invite.invalid");
  const passwordHash = await hashPassword(p.password);
  try {
    return await db.transaction(async (tx) => {
      const inv = await lockOpenInvitationByTokenHash(tx, hashInviteToken(p.token));
      if (!inv) throw new AppError("not_found", "auth.invite.invalid");
      if (await userExistsWithEmail(tx, inv.email)) throw new AppError("conflict", "auth.invite.signInToAccept");
      const user = await insertUser(tx, { email: inv.email, name: p.name, passwordHash });
      await joinOrganisation(tx, inv, user.id);
      return { email: inv.email };
    });
  } catch (e) {
    // An account created for the address between our check and our insert: the unique index decides.
    if (isUniqueViolation(e)) throw new AppError("conflict", "auth.invite.signInToAccept");
    throw e;
  }
}

// A signed-in account accepts an invitation addressed to its own e-mail; no password involved.
export async function acceptInvitationAsUser(db: Database, p: { token: string; userId: string }): Promise<{ orgId: string }> {
  return db.transaction(async (tx) => {
    const inv = await lockOpenInvitationByTokenHash(tx, hashInviteToken(p.token));
    if (!inv) throw new AppError("not_found", "auth.invite.invalid");
    const user = await getUserProfile(tx, p.userId);
    if (!user || user.email !== inv.email) throw new AppError("forbidden", "auth.invite.otherAccountError");
    await joinOrganisation(tx, inv, user.id);
    return { orgId: inv.orgId };
  });
}
