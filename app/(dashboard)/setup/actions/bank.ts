"use server";

import { z } from "zod";
import { db } from "@/db";
import { completeStep } from "@/lib/billing/setup-progress";
import { memberAction } from "@/lib/safe-action";

export const skipBankAction = memberAction(
  { name: "skipBank", schema: z.object({}), permission: "manageBilling" },
  async (_input, ctx) => ({ next: await completeStep(db, ctx.orgId, "bank") }),
);
