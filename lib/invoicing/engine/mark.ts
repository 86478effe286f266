import { randomBytes } from "node:crypto";

// The request's mark (issue 15): a short ASCII token printed on the SmartBill document, in `mentions`
// after the school's own text, e.g. "Ref. Bursar 7KQ2M-X9TRA". SmartBill has no idempotency key and no
// read-back but the PDF, so this is the only thing that can prove a document came from one request:
// a colleague's invoice in the same series, with the same total, never carries it.
//
// Made when the request is made (random, 50 bits, unique per school by index) and kept across retries:
// a request never has two documents unless SmartBill stored one we were told it had not, and then both
// carry the same mark, which is how a duplicate is seen.

// Crockford's base32: no I, L, O, U (nothing a reader or an OCR confuses).
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
export const MARK_PREFIX = "Ref. Bursar";

export function newMarkCode(bytes: Uint8Array = randomBytes(10)): string {
  let code = "";
  for (let i = 0; i < 10; i++) code += ALPHABET[bytes[i]! % 32];
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/** The text printed on the document. */
export function markText(code: string): string {
  return `${MARK_PREFIX} ${code}`;
}

/** The school's mentions with the mark after them (the mark is always last, on its own line). */
export function withMark(mentions: string | undefined | null, code: string): string {
  const own = (mentions ?? "").trim();
  return own ? `${own}\n${markText(code)}` : markText(code);
}

// A PDF's extracted text breaks words wherever the layout put glyph runs (kerning, line wraps), so the
// search ignores all whitespace: "Ref. Bursar 7KQ2M-X9TRA" is found as "Ref.Bursar7KQ2M-X9TRA".
const MARK_IN_TEXT = /Ref\.Bursar([0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5})/g;

/** Every Bursar mark code in a document's text (in order, without repeats). */
export function findMarks(text: string): string[] {
  const flat = text.replace(/\s+/g, "");
  return [...new Set([...flat.matchAll(MARK_IN_TEXT)].map((m) => m[1]!))];
}
