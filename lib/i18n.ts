import "server-only";
import { cookies, headers } from "next/headers";
import { createTranslator } from "use-intl/core";
import { en, ro, type Messages } from "@/messages";

export const LOCALES = ["en", "ro"] as const;
export type Locale = (typeof LOCALES)[number];
export const LOCALE_COOKIE = "bursar_locale";
export type { Messages };

const catalogue: Record<Locale, Messages> = { en, ro };

export function isLocale(v: unknown): v is Locale {
  return typeof v === "string" && (LOCALES as readonly string[]).includes(v);
}

export async function getLocale(): Promise<Locale> {
  const fromCookie = (await cookies()).get(LOCALE_COOKIE)?.value;
  if (isLocale(fromCookie)) return fromCookie;
  const accept = (await headers()).get("accept-language") ?? "";
  return /^ro\b/i.test(accept) ? "ro" : "en";
}

export function getMessages(locale: Locale): Messages {
  return catalogue[locale];
}

export async function getT() {
  const locale = await getLocale();
  return createTranslator({ locale, messages: getMessages(locale) });
}
