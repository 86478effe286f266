"use server";

import { headers } from "next/headers";
import { db } from "@/db";
import { clientAddressFrom } from "@/lib/auth/client-address";
import { signUpSchema } from "@/lib/auth/schemas";
import { publicAction } from "@/lib/safe-action";
import { signUp } from "@/lib/team/sign-up";

export const signUpAction = publicAction({ name: "signUp", schema: signUpSchema }, async (input) => {
  await signUp(db, input, { clientAddress: clientAddressFrom(await headers()) });
  return { email: input.email };
});
