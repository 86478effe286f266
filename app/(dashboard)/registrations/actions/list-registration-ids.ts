"use server";

import { db } from "@/db";
import { listRegistrationIds } from "@/db/queries/registrations";
import { registrationFilterSchema } from "@/lib/registrations/schemas";
import { memberAction } from "@/lib/safe-action";

/** "Select all N matching this filter": the ids, re-read on the server from the filter alone. */
export const listRegistrationIdsAction = memberAction(
  { name: "listRegistrationIds", schema: registrationFilterSchema, permission: "manageRegistrations" },
  async (filter, ctx) => {
    const ids = await listRegistrationIds(db, ctx.orgId, filter);
    return { ids, total: ids.length };
  },
);
