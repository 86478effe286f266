"use server";

import { z } from "zod";
import { db } from "@/db";
import { searchClientOptions } from "@/db/queries/clients";
import { memberAction } from "@/lib/safe-action";

/** The registration form's client picker: up to 20 clients matching what was typed. */
export const searchClientsAction = memberAction(
  { name: "searchClients", schema: z.object({ q: z.string().trim().max(100) }), permission: "manageRegistrations" },
  async ({ q }, ctx) => searchClientOptions(db, ctx.orgId, q),
);
