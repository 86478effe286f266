import { describe, expect, it } from "vitest";
import { diffVatLevels, formatPercentage, isEmptyDiff } from "./vat-diff";

describe("VAT level diff", () => {
  it("reports added, removed and changed levels by name", () => {
    const d = diffVatLevels(
      [
        { name: "Normala", percentage: "19.00" },
        { name: "Redusa", percentage: "9" },
        { name: "Scutit", percentage: "0" },
      ],
      [
        { name: "Normala", percentage: "21" },
        { name: "Redusa", percentage: "9.00" },
        { name: "Taxare inversa", percentage: "0" },
      ],
    );
    expect(d.added).toEqual([{ name: "Taxare inversa", percentage: "0.00" }]);
    expect(d.removed).toEqual([{ name: "Scutit", percentage: "0.00" }]);
    expect(d.changed).toEqual([{ name: "Normala", from: "19.00", to: "21.00" }]);
    expect(d.unchanged).toEqual([{ name: "Redusa", percentage: "9.00" }]);
    expect(isEmptyDiff(d)).toBe(false);
  });
  it("treats the first sync as all added and a repeat as no change", () => {
    const levels = [{ name: "Normala", percentage: "21" }];
    expect(diffVatLevels([], levels).added).toHaveLength(1);
    expect(isEmptyDiff(diffVatLevels(levels, levels))).toBe(true);
  });
  it("formats percentages like the database column", () => {
    expect(formatPercentage(21)).toBe("21.00");
    expect(formatPercentage("5.5")).toBe("5.50");
  });
});
