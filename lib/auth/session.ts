import "server-only";
import { cache } from "react";
import { cookies } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { getServerSession } from "next-auth";
import { db } from "@/db";
import type { Role } from "@/db/schema";
import { listMembershipsOfUser } from "@/db/queries/memberships";
import { getUserProfile } from "@/db/queries/users";
import { authOptions } from "./options";
import { can, type Permission } from "./permissions";

export const ACTIVE_ORG_COOKIE = "bursar_org";

export interface CurrentUser {
  user: { id: string; email: string; name: string; locale: string };
  /** The user_sessions row of this browser (lib/auth/user-sessions.ts); the jwt callback has checked it. */
  sessionId: string | null;
}

export interface CurrentMember extends CurrentUser {
  org: { id: string; name: string };
  role: Role;
  memberships: { orgId: string; orgName: string; role: Role }[];
}

// The signed-in account, member of a school or not (accepting an invitation needs only this).
// getServerSession runs the jwt callback, which refuses a revoked, expired or idle session row.
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const session = await getServerSession(authOptions);
  const uid = session?.user?.id;
  if (!uid) return null;
  const user = await getUserProfile(db, uid);
  return user ? { user, sessionId: session.sid ?? null } : null;
});

// Read fresh from the database on every request: a removed member or a changed role takes effect at
// once, whatever the session cookie says.
export const getCurrentMember = cache(async (): Promise<CurrentMember | null> => {
  const current = await getCurrentUser();
  if (!current) return null;
  const all = await listMembershipsOfUser(db, current.user.id);
  if (all.length === 0) return null;
  const wanted = (await cookies()).get(ACTIVE_ORG_COOKIE)?.value;
  const active = all.find((m) => m.orgId === wanted) ?? all[0]!;
  return { ...current, org: { id: active.orgId, name: active.orgName }, role: active.role, memberships: all };
});

export async function requireUser(): Promise<CurrentMember> {
  const member = await getCurrentMember();
  if (!member) redirect("/sign-in");
  return member;
}

export async function requireRole(...roles: Role[]): Promise<CurrentMember> {
  const member = await requireUser();
  if (!roles.includes(member.role)) forbidden();
  return member;
}

/** For pages: the signed-in member, if their role has `permission` (the table server actions use). */
export async function requirePermission(permission: Permission): Promise<CurrentMember> {
  const member = await requireUser();
  if (!can(member.role, permission)) forbidden();
  return member;
}
