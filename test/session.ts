// Who is signed in, for tests that call server actions or anything else that asks getCurrentMember().
// Only the request is simulated (test/next-request.ts): getCurrentMember still reads the user and their
// memberships from the database, and the action wrapper still checks the role.
//   const school = await createSchool(t.db, { roles: ["admin", "staff"] });
//   actAs(school.staff);                  // later calls run as that member
//   actAs(member, { org: other.id });     // a member of several schools, with that one active
//   signOut();                            // no session
import { ACTIVE_ORG_COOKIE } from "../lib/auth/session";
import { cache, scope } from "./request-scope";

export function actAs(member: { userId: string } | null, opts: { org?: string } = {}): void {
  scope.userId = member?.userId ?? null;
  scope.cookies.clear();
  if (opts.org) scope.cookies.set(ACTIVE_ORG_COOKIE, opts.org);
}

export function signOut(): void {
  actAs(null);
}

/** The spies standing in for next/cache's revalidatePath, revalidateTag, updateTag and refresh. */
export const nextCache = cache;
