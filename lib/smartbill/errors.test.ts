import { describe, expect, it, vi } from "vitest";

describe("isSmartBillError", () => {
  it("recognises an error made by another copy of the module (Next.js bundles share one client)", async () => {
    const a = await import("./errors");
    vi.resetModules();
    const b = await import("./errors");
    expect(b.SmartBillError).not.toBe(a.SmartBillError);
    const foreign = new b.SmartBillError({ code: "validation", originalText: "Eroare" });
    expect(foreign instanceof a.SmartBillError).toBe(false);
    expect(a.isSmartBillError(foreign)).toBe(true);
    expect(a.isSmartBillError(new Error("x"))).toBe(false);
    expect(a.isSmartBillError({ code: "validation" })).toBe(false);
    expect(a.isSmartBillError(null)).toBe(false);
  });
});
