import { describe, expect, it } from "vitest";
import { baniToInput, parseMoneyToBani } from "./money";

describe("parseMoneyToBani", () => {
  it.each([
    ["1.234,50", 123450],
    ["1234.50", 123450],
    ["1234,50", 123450],
    ["1,234.50", 123450],
    ["1 234,50", 123450],
    ["1.234", 123400],
    ["1.234.567,89", 123456789],
    ["12,5", 1250],
    ["12.5", 1250],
    ["0,01", 1],
    ["150", 15000],
    ["150 lei", 15000],
    ["150 RON", 15000],
    ["  99,9 ", 9990],
    ["-5", -500],
    ["-12,50", -1250],
  ])("reads %s as %i bani", (text, bani) => {
    expect(parseMoneyToBani(text)).toBe(bani);
  });

  it.each(["", "abc", "1,2,3", "12,345", "1.23.4", "1,234,56", "12.345.6", "1e5", "12,5x", ".", ",", "1.234,5,6", "9999999999999"])(
    "refuses %j",
    (text) => {
      expect(parseMoneyToBani(text)).toBeNull();
    },
  );
});

describe("baniToInput", () => {
  it("round-trips through the parser", () => {
    for (const bani of [0, 1, 99, 100, 123450, 100_000_000]) expect(parseMoneyToBani(baniToInput(bani))).toBe(bani);
  });
});
