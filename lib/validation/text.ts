// The zod field helpers for every text a user types that Bursar stores or prints on an invoice. NUL and
// other control characters used to reach PostgreSQL (which refuses NUL in text, answering "internal"),
// and bidi overrides can make a name printed on an invoice read differently from what was stored
// (U+202E turns "fact.exe" around). Messages are keys (bare ones under `validation.`).
import { z } from "zod";

// C0 controls (tab and newlines included: these are single-line fields), DEL, C1 controls, the bidi
// embeddings/overrides U+202A–U+202E and isolates U+2066–U+2069, and the line/paragraph separators.
// Lone surrogates too: they cannot be encoded and would be stored as U+FFFD, not as typed.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
export const CONTROL_MESSAGE = "errors.text.control";

export function hasUnsafeCharacters(s: string): boolean {
  return UNSAFE.test(s);
}

/** A trimmed single line of at most `max` characters, free of control and bidi override characters. */
export function plainText(opts: { max: number; min?: number; minMessage?: string }) {
  const base = z.string().trim().max(opts.max, "tooLong").refine((s) => !UNSAFE.test(s), CONTROL_MESSAGE);
  return opts.min ? base.refine((s) => s.length >= opts.min!, opts.minMessage ?? "required") : base;
}

/** Like plainText, but "" (or a missing value) is stored as null. */
export function optionalPlainText(max = 200) {
  return plainText({ max })
    .transform((s) => (s === "" ? null : s))
    .nullable();
}

/** An opaque secret or token: bounded, no whitespace or control characters, otherwise left as typed. */
export function opaqueText(max: number) {
  return z.string().max(max, "tooLong").refine((s) => !UNSAFE.test(s), CONTROL_MESSAGE);
}

/** Arrays from a form always have a known upper size; a hostile body must not make the server loop. */
export function boundedArray<T extends z.ZodType>(item: T, max: number) {
  return z.array(item).max(max, "errors.text.tooMany");
}
