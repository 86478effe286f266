"use server";

import { db } from "@/db";
import { signUpSchema } from "@/lib/auth/schemas";
import { publicAction } from "@/lib/safe-action";
import { signUp } from "@/lib/team/sign-up";

export const signUpAction = publicAction({ name: "signUp", schema: signUpSchema }, async (input) => {
  await signUp(db, input);
  return { email: input.email };
});
