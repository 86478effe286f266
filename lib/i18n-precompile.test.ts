// The browser formats messages precompiled by lib/i18n.ts with use-intl's format-only formatter
// (next.config.ts): every message in both languages must read exactly as the parsing formatter has it.
import { _createCache, _createIntlFormatters, type RichTranslationValues } from "use-intl/core";
import parsingFormat from "use-intl/format-message";
import precompiledFormat from "use-intl/format-message/format-only";
import { describe, expect, it } from "vitest";
import { precompileMessages } from "@/lib/i18n";
import { en, ro } from "@/messages";

function leaves(node: unknown, prefix = ""): [string, string][] {
  // A precompiled message with arguments is an array.
  if (typeof node === "string" || Array.isArray(node)) return [[prefix, node as string]];
  return Object.entries(node as Record<string, unknown>).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
}

// Every argument gets a number (plurals, numbers and dates accept one; plain ones print it) and every
// tag a function, so each branch a message has is exercised the same way in both formatters.
function sampleValues(message: string, n: number): RichTranslationValues {
  const values: RichTranslationValues = {};
  for (const [, name] of message.matchAll(/\{\s*(\w+)/g)) values[name!] = n;
  for (const [, tag] of message.matchAll(/<(\w+)>/g)) values[tag!] = (chunks: React.ReactNode) => `[${text(chunks)}]`;
  return values;
}

const text = (r: unknown) => (Array.isArray(r) ? r.join("") : String(r));

describe.each([
  ["en", en],
  ["ro", ro],
] as const)("precompiled %s messages", (locale, messages) => {
  const compiled = leaves(precompileMessages(messages));
  const raw = new Map(leaves(messages));
  const cache = _createCache();
  const options = { cache, formatters: _createIntlFormatters(cache), locale, timeZone: "Europe/Bucharest" };

  it("format exactly as the parsing formatter formats the originals", () => {
    expect(compiled.length).toBe(raw.size);
    for (const n of [0, 1, 2, 25]) {
      const differ = compiled.flatMap(([key, message]) => {
        const values = sampleValues(raw.get(key)!, n);
        const want = text(parsingFormat(key, raw.get(key)!, values, options as never));
        const got = text(precompiledFormat(key, message as never, values, options as never));
        return want === got ? [] : [`${key} (${n}): ${got} ≠ ${want}`];
      });
      expect(differ).toEqual([]);
    }
  });
});
