"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { db } from "@/db";
import { credentialsSchema } from "@/lib/billing/schemas";
import { connectSmartBill } from "@/lib/billing/connect";
import { completeStep } from "@/lib/billing/setup-progress";
import { memberAction } from "@/lib/safe-action";

export const verifyCredentialsAction = memberAction(
  { name: "verifyCredentials", schema: credentialsSchema, permission: "manageBilling" },
  async (input, ctx) => {
    const result = await connectSmartBill(db, { orgId: ctx.orgId, actorUserId: ctx.user.id, input });
    await completeStep(db, ctx.orgId, "credentials");
    revalidatePath("/", "layout");
    return result;
  },
);

export const connectSandboxAction = memberAction(
  { name: "connectSandbox", schema: z.object({}), permission: "manageBilling" },
  async (_input, ctx) => {
    const result = await connectSmartBill(db, { orgId: ctx.orgId, actorUserId: ctx.user.id, sandbox: true, schoolName: ctx.org.name });
    await completeStep(db, ctx.orgId, "credentials");
    revalidatePath("/", "layout");
    return result;
  },
);
