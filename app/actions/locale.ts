"use server";

import { cookies } from "next/headers";
import { z } from "zod";
import { db } from "@/db";
import { updateUserLocale } from "@/db/queries/user-preferences";
import { getCurrentMember } from "@/lib/auth/session";
import { LOCALE_COOKIE, LOCALES } from "@/lib/i18n";
import { publicAction } from "@/lib/safe-action";

// Public on purpose: the sign-in page has a language switch too. It only sets the visitor's own
// preference (and the signed-in user's, if any).
export const setLocaleAction = publicAction(
  { name: "setLocale", schema: z.object({ locale: z.enum(LOCALES) }) },
  async ({ locale }) => {
    (await cookies()).set(LOCALE_COOKIE, locale, { path: "/", maxAge: 365 * 24 * 60 * 60, sameSite: "lax" });
    const member = await getCurrentMember();
    if (member) await updateUserLocale(db, member.user.id, locale);
    return { locale };
  },
);
