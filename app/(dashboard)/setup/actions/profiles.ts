"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { db } from "@/db";
import { archiveProfile, createProfile, makeDefaultProfile, requireProfiles, updateProfile } from "@/lib/billing/profiles";
import { profileRefSchema, profileSchema } from "@/lib/billing/schemas";
import { completeStep, requireEarlierSteps } from "@/lib/billing/setup-progress";
import { memberAction } from "@/lib/safe-action";

// The profiles list is server-rendered: each change re-renders it in the same round trip.
const refresh = () => revalidatePath("/setup/profiles");

export const saveProfileAction = memberAction(
  { name: "saveProfile", schema: profileSchema, permission: "manageBilling" },
  async ({ id, ...input }, ctx) => {
    const p = { orgId: ctx.orgId, actorUserId: ctx.user.id, input };
    const row = id ? await updateProfile(db, { ...p, profileId: id }) : await createProfile(db, p);
    refresh();
    return { id: row.id, companyName: row.companyName, created: !id };
  },
);

export const makeDefaultProfileAction = memberAction(
  { name: "makeDefaultProfile", schema: profileRefSchema, permission: "manageBilling" },
  async ({ profileId }, ctx) => {
    await makeDefaultProfile(db, { orgId: ctx.orgId, actorUserId: ctx.user.id, profileId });
    refresh();
    return null;
  },
);

export const archiveProfileAction = memberAction(
  { name: "archiveProfile", schema: profileRefSchema, permission: "manageBilling" },
  async ({ profileId }, ctx) => {
    await archiveProfile(db, { orgId: ctx.orgId, actorUserId: ctx.user.id, profileId });
    refresh();
    return null;
  },
);

export const completeProfilesStepAction = memberAction(
  { name: "completeProfilesStep", schema: z.object({}), permission: "manageBilling" },
  async (_input, ctx) => {
    await requireEarlierSteps(db, ctx.orgId, "profiles");
    await requireProfiles(db, ctx.orgId);
    return { next: await completeStep(db, ctx.orgId, "profiles") };
  },
);
