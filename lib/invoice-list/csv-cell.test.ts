import { describe, expect, it } from "vitest";
import { CSV_INJECTION_PAYLOADS, spreadsheetWouldEvaluate } from "@/test/csv-injection-payloads";
import { numberCell, textCell } from "./csv-cell";

describe("textCell", () => {
  it("neutralises every payload of the corpus, keeping its text", () => {
    for (const payload of CSV_INJECTION_PAYLOADS) {
      const cell = textCell(payload);
      expect(spreadsheetWouldEvaluate(cell), JSON.stringify(payload)).toBe(false);
      expect(cell, JSON.stringify(payload)).not.toMatch(/[\r\n\u2028\u2029\u0085]/);
      expect(cell.replace(/^'/, ""), JSON.stringify(payload)).toBe(payload.replace(/\r\n|[\n\r\u000b\u000c\u0085\u2028\u2029]/g, " "));
    }
  });

  it("prefixes only what a spreadsheet would evaluate", () => {
    expect(textCell("=1+1\n")).toBe("'=1+1 ");
    expect(textCell("\tJohn")).toBe("'\tJohn");
    expect(textCell("＝1+1")).toBe("'＝1+1");
    expect(textCell(" -2+3")).toBe("' -2+3");
    for (const plain of ["Ioana Mureșan", "Ștefan Țăranu; Asociația „Știința”", "O'Brien", "Ana-Maria", "BRS-2026-0001", "RO12345674", "2026-12-01", "", "a=b", "1+1", "100%"]) {
      expect(textCell(plain), plain).toBe(plain);
    }
    expect(textCell("Ana\r\nMaria")).toBe("Ana Maria");
  });
});

describe("numberCell", () => {
  it("keeps the numbers we format, negative ones included, and treats anything else as text", () => {
    for (const n of ["0.00", "1234.50", "-0.05", "-1234.50", "21", "9.5"]) expect(numberCell(n)).toBe(n);
    expect(numberCell("-2+3")).toBe("'-2+3");
    expect(numberCell("=1+1")).toBe("'=1+1");
    expect(numberCell("-1234.50\n")).toBe("'-1234.50 ");
  });
});
