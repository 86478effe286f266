import "server-only";
import type { Database, Executor } from "@/db";
import type { Role } from "@/db/schema";
import { deleteMembership, lockAdminMemberships, lockMembership, updateMemberRole } from "@/db/queries/memberships";
import { writeAudit } from "@/lib/audit";
import { AppError } from "@/lib/errors";

// Both operations lock the organisation's admin rows first, so two admins demoting each other at the
// same moment cannot leave the school without an admin.
async function getTarget(tx: Executor, orgId: string, userId: string) {
  const m = await lockMembership(tx, orgId, userId);
  if (!m) throw new AppError("not_found", "errors.memberGone");
  return m;
}

export async function changeMemberRole(db: Database, p: { orgId: string; actorUserId: string; userId: string; role: Role }) {
  await db.transaction(async (tx) => {
    const admins = await lockAdminMemberships(tx, p.orgId);
    const target = await getTarget(tx, p.orgId, p.userId);
    if (target.role === p.role) return;
    if (target.role === "admin" && admins.length <= 1) throw new AppError("conflict", "team.lastAdmin");
    await updateMemberRole(tx, p.orgId, p.userId, p.role);
    await writeAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      action: "member.role_changed",
      entityType: "user",
      entityId: p.userId,
      details: { from: target.role, to: p.role },
    });
  });
}

export async function removeMember(db: Database, p: { orgId: string; actorUserId: string; userId: string }) {
  await db.transaction(async (tx) => {
    const admins = await lockAdminMemberships(tx, p.orgId);
    const target = await getTarget(tx, p.orgId, p.userId);
    if (target.role === "admin" && admins.length <= 1) throw new AppError("conflict", "team.lastAdmin");
    await deleteMembership(tx, p.orgId, p.userId);
    await writeAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      action: "member.removed",
      entityType: "user",
      entityId: p.userId,
      details: { role: target.role },
    });
  });
}
