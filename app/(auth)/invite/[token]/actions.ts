"use server";

import { db } from "@/db";
import { acceptInviteSchema } from "@/lib/auth/schemas";
import { publicAction } from "@/lib/safe-action";
import { acceptInvitation } from "@/lib/team/invitations";

// Public: the link's secret token is the authorisation.
export const acceptInviteAction = publicAction({ name: "acceptInvite", schema: acceptInviteSchema }, (input) =>
  acceptInvitation(db, input),
);
