import "server-only";
import { and, eq } from "drizzle-orm";
import type { Database, Executor } from "@/db";
import { memberships, type Role } from "@/db/schema";
import { writeAudit } from "@/lib/audit";
import { AppError } from "@/lib/errors";

// Both operations lock the organisation's admin rows first, so two admins demoting each other at the
// same moment cannot leave the school without an admin.
async function lockAdmins(tx: Executor, orgId: string) {
  return tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.orgId, orgId), eq(memberships.role, "admin")))
    .for("update");
}

async function getTarget(tx: Executor, orgId: string, userId: string) {
  const [m] = await tx
    .select()
    .from(memberships)
    .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)))
    .for("update");
  if (!m) throw new AppError("not_found", "errors.memberGone");
  return m;
}

export async function changeMemberRole(db: Database, p: { orgId: string; actorUserId: string; userId: string; role: Role }) {
  await db.transaction(async (tx) => {
    const admins = await lockAdmins(tx, p.orgId);
    const target = await getTarget(tx, p.orgId, p.userId);
    if (target.role === p.role) return;
    if (target.role === "admin" && admins.length <= 1) throw new AppError("conflict", "team.lastAdmin");
    await tx
      .update(memberships)
      .set({ role: p.role })
      .where(and(eq(memberships.orgId, p.orgId), eq(memberships.userId, p.userId)));
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
    const admins = await lockAdmins(tx, p.orgId);
    const target = await getTarget(tx, p.orgId, p.userId);
    if (target.role === "admin" && admins.length <= 1) throw new AppError("conflict", "team.lastAdmin");
    await tx.delete(memberships).where(and(eq(memberships.orgId, p.orgId), eq(memberships.userId, p.userId)));
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
