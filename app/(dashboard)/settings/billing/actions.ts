"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { db } from "@/db";
import { connectSmartBill } from "@/lib/billing/connect";
import { disconnect, requireCredentials } from "@/lib/billing/connection";
import { reconnect, reverifyConnection } from "@/lib/billing/health";
import { changeTokenSchema } from "@/lib/billing/schemas";
import { memberAction } from "@/lib/safe-action";

const done = () => revalidatePath("/", "layout");

export const reverifyAction = memberAction({ name: "reverifySmartBill", schema: z.object({}), permission: "manageBilling" }, async (_i, ctx) => {
  const v = await reverifyConnection(db, { orgId: ctx.orgId, actorUserId: ctx.user.id });
  done();
  return { vatPayer: v.vatPayer, seriesCount: v.invoiceSeries.length };
});


export const changeTokenAction = memberAction({ name: "changeSmartBillToken", schema: changeTokenSchema, permission: "manageBilling" }, async (input, ctx) => {
  const { connection } = await requireCredentials(db, ctx.orgId);
  const result = await connectSmartBill(db, {
    orgId: ctx.orgId,
    actorUserId: ctx.user.id,
    input: { username: connection.username, cif: connection.cif, token: input.token },
  });
  done();
  return { last4: result.last4 };
});

export const disconnectAction = memberAction({ name: "disconnectSmartBill", schema: z.object({}), permission: "manageBilling" }, async (_i, ctx) => {
  await disconnect(db, { orgId: ctx.orgId, actorUserId: ctx.user.id });
  done();
  return null;
});

export const reconnectAction = memberAction({ name: "reconnectSmartBill", schema: z.object({}), permission: "manageBilling" }, async (_i, ctx) => {
  await reconnect(db, { orgId: ctx.orgId, actorUserId: ctx.user.id });
  done();
  return null;
});
