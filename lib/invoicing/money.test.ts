import { describe, expect, it } from "vitest";
import { baniToDecimal, formatBani, parseAmountToBani, vatAdded, vatIncluded } from "./money";

describe("money in bani", () => {
  it("parses amounts people type", () => {
    expect(parseAmountToBani("12.5")).toBe(1250);
    expect(parseAmountToBani("12,50")).toBe(1250);
    expect(parseAmountToBani("1 234,56")).toBe(123456);
    expect(parseAmountToBani("0.1")).toBe(10);
    expect(parseAmountToBani("12.345")).toBeNull();
    expect(parseAmountToBani("abc")).toBeNull();
  });
  it("converts to SmartBill's decimals only at the boundary", () => {
    expect(baniToDecimal(12345)).toBe(123.45);
    expect(() => baniToDecimal(1.5)).toThrow();
  });
  it("computes VAT without float drift", () => {
    expect(vatIncluded(12100, 21)).toBe(2100);
    expect(vatIncluded(10000, 21)).toBe(1736); // 1735.537… → 1736
    expect(vatAdded(10000, 21)).toBe(2100);
    expect(vatAdded(333, 11)).toBe(37);
  });
  it("formats for people", () => {
    expect(formatBani(123456, "RON", "en-GB")).toMatch(/^RON\s1,234\.56$/);
  });
});
