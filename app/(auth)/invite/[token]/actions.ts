"use server";

import { cookies } from "next/headers";
import { db } from "@/db";
import { acceptInviteAsNewUserSchema, acceptInviteAsUserSchema } from "@/lib/auth/schemas";
import { ACTIVE_ORG_COOKIE, getCurrentUser } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { publicAction } from "@/lib/safe-action";
import { acceptInvitationAsNewUser, acceptInvitationAsUser } from "@/lib/team/invitations";

// Public: the link's secret token is the authorisation. Creates the account, so it is refused for an
// address that already has one (that owner signs in and uses the action below).
export const acceptInviteAsNewUserAction = publicAction(
  { name: "acceptInviteAsNewUser", schema: acceptInviteAsNewUserSchema },
  (input) => acceptInvitationAsNewUser(db, input),
);

// The token and a session of the invited address: no password is checked here.
export const acceptInviteAsUserAction = publicAction({ name: "acceptInviteAsUser", schema: acceptInviteAsUserSchema }, async (input) => {
  const current = await getCurrentUser();
  if (!current) throw new AppError("unauthenticated", "auth.invite.signInFirst");
  const { orgId } = await acceptInvitationAsUser(db, { token: input.token, userId: current.user.id });
  // Land in the school just joined.
  (await cookies()).set(ACTIVE_ORG_COOKIE, orgId, { httpOnly: true, sameSite: "lax", path: "/" });
  return null;
});
