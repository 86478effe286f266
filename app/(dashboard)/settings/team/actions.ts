"use server";

import { revalidatePath } from "next/cache";
import { db } from "@/db";
import { changeRoleSchema, invitationRefSchema, inviteSchema, memberRefSchema } from "@/lib/auth/schemas";
import { appOrigin } from "@/lib/request-origin";
import { memberAction } from "@/lib/safe-action";
import { createInvitation, revokeInvitation } from "@/lib/team/invitations";
import { changeMemberRole, removeMember } from "@/lib/team/members";

export const inviteMemberAction = memberAction(
  { name: "inviteMember", schema: inviteSchema, permission: "manageTeam" },
  async (input, ctx) => {
    const { token, email } = await createInvitation(db, { orgId: ctx.orgId, actorUserId: ctx.user.id, ...input });
    revalidatePath("/settings/team");
    return { email, link: `${appOrigin()}/invite/${token}` };
  },
);

export const revokeInvitationAction = memberAction(
  { name: "revokeInvitation", schema: invitationRefSchema, permission: "manageTeam" },
  async (input, ctx) => {
    await revokeInvitation(db, { orgId: ctx.orgId, actorUserId: ctx.user.id, ...input });
    revalidatePath("/settings/team");
    return null;
  },
);

export const changeMemberRoleAction = memberAction(
  { name: "changeMemberRole", schema: changeRoleSchema, permission: "manageTeam" },
  async (input, ctx) => {
    await changeMemberRole(db, { orgId: ctx.orgId, actorUserId: ctx.user.id, ...input });
    revalidatePath("/settings/team");
    return null;
  },
);

export const removeMemberAction = memberAction(
  { name: "removeMember", schema: memberRefSchema, permission: "manageTeam" },
  async (input, ctx) => {
    await removeMember(db, { orgId: ctx.orgId, actorUserId: ctx.user.id, ...input });
    revalidatePath("/settings/team");
    return null;
  },
);
