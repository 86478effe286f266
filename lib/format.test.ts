import { describe, expect, it } from "vitest";
import { formatDate, formatMoney } from "./format";

describe("formatMoney", () => {
  it("writes Romanian amounts with dot grouping, comma decimals and lei", () => {
    expect(formatMoney(123450, "ro")).toBe("1.234,50\u00a0lei");
    expect(formatMoney(5000, "ro")).toBe("50,00\u00a0lei");
    expect(formatMoney(-2500, "ro")).toBe("-25,00\u00a0lei");
  });
  it("writes English amounts as RON", () => {
    expect(formatMoney(123450, "en")).toMatch(/^RON\s1,234\.50$/);
  });
});

describe("dates", () => {
  it("shows calendar dates without a time-zone shift", () => {
    expect(formatDate("2026-12-02", "ro")).toBe("02.12.2026");
    expect(formatDate("2026-12-02", "en")).toBe("2 Dec 2026");
  });
});
