import "server-only";
import { forbidden } from "next/navigation";
import { can } from "@/lib/auth/permissions";
import { requireUser, type CurrentMember } from "@/lib/auth/session";

/** Pages that only change things (new registration): the same permission the actions check. */
export async function requirePermissionPage(): Promise<CurrentMember> {
  const member = await requireUser();
  if (!can(member.role, "manageRegistrations")) forbidden();
  return member;
}
