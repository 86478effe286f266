import { describe, expect, it, vi } from "vitest";
import { isSmartBillError, SmartBillError } from "./errors";

describe("isSmartBillError", () => {
  it("recognises an error from another copy of the module (Next.js bundles lib/ once per entry, the client is shared)", async () => {
    vi.resetModules();
    const other = (await import("./errors")) as typeof import("./errors");
    expect(other.SmartBillError).not.toBe(SmartBillError);
    const foreign = new other.SmartBillError({ code: "validation", httpStatus: 400, originalText: "Eroare" });
    expect(foreign instanceof SmartBillError).toBe(false);
    expect(isSmartBillError(foreign)).toBe(true);
    expect(isSmartBillError(new SmartBillError({ code: "ambiguous" }))).toBe(true);
  });

  it("is false for other errors and look-alikes", () => {
    expect(isSmartBillError(new Error("SmartBill validation"))).toBe(false);
    expect(isSmartBillError(Object.assign(new Error("x"), { name: "SmartBillError", code: "validation" }))).toBe(false);
    expect(isSmartBillError(null)).toBe(false);
    expect(isSmartBillError("SmartBillError")).toBe(false);
  });
});
