import "server-only";
import { cookies, headers } from "next/headers";
import compile from "icu-minify/compile";
import { createTranslator } from "use-intl/core";
import formatMessage from "use-intl/format-message";
import { en, ro, type Messages } from "@/messages";

export const LOCALES = ["en", "ro"] as const;
export type Locale = (typeof LOCALES)[number];
export const LOCALE_COOKIE = "bursar_locale";
export type { Messages };

// next.config.ts swaps use-intl's message formatter for the one that takes precompiled messages, so the
// ICU parser (~12 kB gzipped) is not shipped to the browser. Outside Next (vitest, scripts) the parsing
// formatter runs. The catalogue is given in the form the formatter in use expects.
const precompiled = !(formatMessage as { raw?: boolean }).raw;

export function precompileMessages(node: unknown): unknown {
  // Through JSON: icu-minify builds null-prototype objects, which React cannot pass to the client.
  if (typeof node === "string") return JSON.parse(JSON.stringify(compile(node))) as unknown;
  return Object.fromEntries(Object.entries(node as Record<string, unknown>).map(([k, v]) => [k, precompileMessages(v)]));
}

const catalogue: Record<Locale, Messages> = precompiled
  ? { en: precompileMessages(en) as Messages, ro: precompileMessages(ro) as Messages }
  : { en, ro };

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
