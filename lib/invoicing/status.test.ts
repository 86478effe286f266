import { describe, expect, it } from "vitest";
import { INVOICE_REQUEST_STATUSES } from "@/db/schema";
import { assertTransition, canTransition } from "./status";

describe("invoice request transitions", () => {
  it("allows the issuing paths and nothing out of issued or cancelled", () => {
    expect(canTransition("queued", "issuing")).toBe(true);
    expect(canTransition("issuing", "issued")).toBe(true);
    expect(canTransition("issuing", "in_doubt")).toBe(true);
    expect(canTransition("in_doubt", "issued")).toBe(true);
    expect(canTransition("in_doubt", "queued")).toBe(true);
    expect(canTransition("failed", "queued")).toBe(true);
    for (const to of INVOICE_REQUEST_STATUSES) {
      expect(canTransition("issued", to)).toBe(false);
      expect(canTransition("cancelled", to)).toBe(false);
    }
  });
  it("never goes straight from queued to issued or from in_doubt back to issuing", () => {
    expect(canTransition("queued", "issued")).toBe(false);
    expect(canTransition("in_doubt", "issuing")).toBe(false);
    expect(canTransition("in_doubt", "cancelled")).toBe(false);
    expect(() => assertTransition("queued", "in_doubt")).toThrow();
  });
});
