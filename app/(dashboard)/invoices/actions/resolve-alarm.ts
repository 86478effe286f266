"use server";

import { revalidatePath } from "next/cache";
import { db } from "@/db";
import { resolveAlarm } from "@/lib/invoicing";
import { resolveAlarmSchema } from "@/lib/invoicing/schemas";
import { memberAction } from "@/lib/safe-action";

/** "Resolved (I handled it in SmartBill)": an alarm (an extra invoice in SmartBill) leaves the inbox. */
export const resolveAlarmAction = memberAction({ name: "resolveAlarm", schema: resolveAlarmSchema, permission: "issueInvoices" }, async ({ alarmId, note }, ctx) => {
  const { resolved } = await resolveAlarm(db, { orgId: ctx.orgId, actorUserId: ctx.user.id, alarmId, note: note ?? null });
  revalidatePath("/invoices", "layout");
  return { resolved };
});
