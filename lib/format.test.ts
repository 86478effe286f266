import { describe, expect, it } from "vitest";
import { formatDate, formatMoney, moneyInputValue, parseMoneyInput, todayInBucharest } from "./format";

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

describe("parseMoneyInput", () => {
  it.each([
    ["1234,50", 123450],
    ["1.234,50", 123450],
    ["1234.50", 123450],
    ["1,234.50", 123450],
    ["1 234,5", 123450],
    ["50", 5000],
    ["1.234", 123400],
    ["0,05", 5],
    ["350 lei", 35000],
  ])("%s → %i bani", (text, bani) => expect(parseMoneyInput(text)).toBe(bani));
  it.each(["", "abc", "-5", "1,2,3", "12.345,678", "1.23.4", "99999999999999"])("rejects %j", (text) => expect(parseMoneyInput(text)).toBeNull());
  it("round-trips the prefilled value", () => {
    expect(parseMoneyInput(moneyInputValue(123456, "ro"))).toBe(123456);
    expect(parseMoneyInput(moneyInputValue(123456, "en"))).toBe(123456);
  });
});

describe("dates", () => {
  it("shows calendar dates without a time-zone shift", () => {
    expect(formatDate("2026-12-02", "ro")).toBe("02.12.2026");
    expect(formatDate("2026-12-02", "en")).toBe("2 Dec 2026");
  });
  it("takes today in Bucharest, not UTC", () => {
    // 23:30 UTC on 1 Dec is already 2 Dec in Bucharest (UTC+2).
    expect(todayInBucharest(new Date("2026-12-01T23:30:00Z"))).toBe("2026-12-02");
  });
});
