import { describe, expect, it } from "vitest";
import { ACTION_BODY_LIMIT } from "@/lib/action-request";
import { importTemplateCsv } from "./csv";
import { importBodyBytes, importFits, MAX_IMPORT_BYTES } from "./fields";

const bytes = (s: string) => new TextEncoder().encode(s).length;

/** A file of about `size` bytes made of the template's rows (diacritics, quoted amounts, CRLF). */
function fileOf(size: number): string {
  const [head, ...rows] = importTemplateCsv().trimEnd().split("\r\n");
  const lines = [head];
  for (let i = 0, total = bytes(`${head}\r\n`); total < size - 400; i++) {
    lines.push(rows[i % rows.length]!);
    total += bytes(`${rows[i % rows.length]}\r\n`);
  }
  return `${lines.join("\r\n")}\r\n`;
}

describe("the import's size limit and the action body limit", () => {
  it("states a file limit under the body limit that proxy.ts enforces", () => {
    expect(MAX_IMPORT_BYTES).toBeLessThan(ACTION_BODY_LIMIT);
  });

  it("a spreadsheet export at the stated limit fits in one request", () => {
    const csv = fileOf(MAX_IMPORT_BYTES);
    expect(bytes(csv)).toBeGreaterThan(MAX_IMPORT_BYTES - 500);
    expect(importFits({ bytes: bytes(csv), csv })).toBe(true);
    expect(importBodyBytes(csv, { clientName: "Client" })).toBeLessThan(ACTION_BODY_LIMIT);
  });

  it("refuses a file over the limit, and one that JSON escaping would push over the body limit", () => {
    const big = fileOf(MAX_IMPORT_BYTES + 2_000);
    expect(importFits({ bytes: bytes(big), csv: big })).toBe(false);
    // Every quote is escaped (\"), doubling the body: under the file limit, over the body limit.
    const quotes = '"'.repeat(MAX_IMPORT_BYTES);
    expect(importFits({ bytes: bytes(quotes), csv: quotes })).toBe(false);
  });
});
