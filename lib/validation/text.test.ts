import { describe, expect, it } from "vitest";
import { boundedArray, optionalPlainText, plainText } from "./text";

const name = plainText({ max: 20, min: 2, minMessage: "nameShort" });
const messageOf = (r: { success: boolean; error?: { issues: { message: string }[] } }) => r.error?.issues.map((i) => i.message);

describe("plainText", () => {
  it.each([
    ["NUL", "Ana\u0000Pop"],
    ["a control character", "Ana\u0007"],
    ["a tab", "Ana\tPop"],
    ["a newline", "Ana\nPop"],
    ["DEL", "Ana\u007f"],
    ["a C1 control", "Ana\u0085"],
    ["a right-to-left override", "Ana\u202eexe.pdf"],
    ["a left-to-right embedding", "\u202aAna"],
    ["a first-strong isolate", "Ana\u2068x\u2069"],
    ["a line separator", "Ana\u2028Pop"],
    ["a lone surrogate", "Ana\ud800"],
  ])("refuses %s", (_what, value) => {
    expect(messageOf(name.safeParse(value))).toContain("errors.text.control");
  });

  it("keeps diacritics, emoji and SQL-looking text, trimmed", () => {
    expect(name.parse("  Școala Ță  ")).toBe("Școala Ță");
    expect(name.parse("🎓 Ana")).toBe("🎓 Ana");
    expect(name.parse("'; DROP TABLE x;--")).toBe("'; DROP TABLE x;--");
  });

  it("bounds the length both ways", () => {
    expect(messageOf(name.safeParse("x".repeat(100_000)))).toContain("tooLong");
    expect(messageOf(name.safeParse("x"))).toEqual(["nameShort"]);
  });

  it("optional text stores an empty value as null and still refuses control characters", () => {
    expect(optionalPlainText(10).parse("")).toBeNull();
    expect(optionalPlainText(10).safeParse("a\u0000").success).toBe(false);
  });
});

describe("boundedArray", () => {
  it("refuses more entries than the limit", () => {
    expect(messageOf(boundedArray(plainText({ max: 5 }), 3).safeParse(["a", "b", "c", "d"]))).toEqual(["errors.text.tooMany"]);
  });
});
