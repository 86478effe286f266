"use server";

import { headers } from "next/headers";
import { db } from "@/db";
import { changePassword } from "@/lib/auth/change-password";
import { clientAddressFrom } from "@/lib/auth/client-address";
import { presentedDeviceId } from "@/lib/auth/device-cookie";
import { ROLES, changePasswordSchema } from "@/lib/auth/schemas";
import { memberAction } from "@/lib/safe-action";

// Any member may change their own password.
export const changePasswordAction = memberAction({ name: "changePassword", schema: changePasswordSchema, roles: ROLES }, async (input, ctx) => {
  await changePassword(db, {
    ...input,
    userId: ctx.user.id,
    sessionId: ctx.sessionId,
    clientAddress: clientAddressFrom(await headers()),
    deviceId: await presentedDeviceId(ctx.user.id),
  });
  return null;
});
