"use server";

import { revalidatePath } from "next/cache";
import { db } from "@/db";
import { createRegistration, updateRegistration } from "@/lib/registrations/registrations";
import { registrationSchema } from "@/lib/registrations/schemas";
import { memberAction } from "@/lib/safe-action";

/** Creates a registration, or edits it when `id` is given. */
export const saveRegistrationAction = memberAction(
  { name: "saveRegistration", schema: registrationSchema, permission: "manageRegistrations" },
  async (input, ctx) => {
    const a = { orgId: ctx.orgId, actorUserId: ctx.user.id, input };
    const row = input.id ? await updateRegistration(db, { ...a, registrationId: input.id }) : await createRegistration(db, a);
    revalidatePath("/registrations");
    return { id: row.id, reference: row.reference, created: !input.id };
  },
);
