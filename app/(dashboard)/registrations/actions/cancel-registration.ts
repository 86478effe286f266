"use server";

import { revalidatePath } from "next/cache";
import { db } from "@/db";
import { cancelRegistration } from "@/lib/registrations/registrations";
import { cancelRegistrationSchema } from "@/lib/registrations/schemas";
import { memberAction } from "@/lib/safe-action";

export const cancelRegistrationAction = memberAction(
  { name: "cancelRegistration", schema: cancelRegistrationSchema, permission: "manageRegistrations" },
  async ({ registrationId, reason }, ctx) => {
    await cancelRegistration(db, { orgId: ctx.orgId, actorUserId: ctx.user.id, registrationId, reason });
    revalidatePath("/registrations");
    return null;
  },
);
