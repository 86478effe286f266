import "server-only";
import { and, asc, eq } from "drizzle-orm";
import type { Database, Executor } from "@/db";
import { memberships, organisations, users, type Role } from "@/db/schema";

export async function listMembershipsOfUser(db: Database, userId: string) {
  return db
    .select({ orgId: organisations.id, orgName: organisations.name, role: memberships.role })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.orgId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(memberships.createdAt));
}

export async function listMembers(db: Database, orgId: string) {
  return db
    .select({
      userId: users.id,
      email: users.email,
      name: users.name,
      role: memberships.role,
      since: memberships.createdAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.orgId, orgId))
    .orderBy(asc(memberships.createdAt));
}

export async function updateMemberRole(db: Executor, orgId: string, userId: string, role: Role) {
  await db
    .update(memberships)
    .set({ role })
    .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)));
}

export async function deleteMembership(db: Executor, orgId: string, userId: string) {
  await db.delete(memberships).where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)));
}

export async function insertMembership(db: Executor, v: { orgId: string; userId: string; role: Role }) {
  await db.insert(memberships).values(v);
}

/** Inside a transaction: the organisation's admin rows, locked until it ends. */
export async function lockAdminMemberships(tx: Executor, orgId: string) {
  return tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.orgId, orgId), eq(memberships.role, "admin")))
    .for("update");
}

/** Inside a transaction: one member's row, locked until it ends. */
export async function lockMembership(tx: Executor, orgId: string, userId: string) {
  const [row] = await tx
    .select()
    .from(memberships)
    .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)))
    .for("update");
  return row ?? null;
}
