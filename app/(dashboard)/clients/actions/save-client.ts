"use server";

import { revalidatePath } from "next/cache";
import { db } from "@/db";
import { createClient, updateClient } from "@/lib/registrations/clients";
import { clientSchema } from "@/lib/registrations/schemas";
import { memberAction } from "@/lib/safe-action";

/** Creates a client, or edits it when `id` is given. */
export const saveClientAction = memberAction(
  { name: "saveClient", schema: clientSchema, permission: "manageRegistrations" },
  async (input, ctx) => {
    const a = { orgId: ctx.orgId, actorUserId: ctx.user.id, input };
    const row = input.id ? await updateClient(db, { ...a, clientId: input.id }) : await createClient(db, a);
    revalidatePath("/clients");
    if (input.id) revalidatePath(`/clients/${input.id}`);
    return { id: row.id, name: row.name, created: !input.id };
  },
);
