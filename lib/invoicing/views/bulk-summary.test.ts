import { describe, expect, it } from "vitest";
import { SMARTBILL_RATE_LIMIT } from "@/lib/smartbill/config";
import { estimateSeconds, invoicesPerSecond } from "./bulk-summary";

describe("the bulk issue's time estimate", () => {
  it("follows the shared limiter's budget: 28 calls per 10.1 s at SmartBill's 30 / 10 s", () => {
    expect(invoicesPerSecond()).toBeCloseTo(28 / 10.1, 6);
    expect(estimateSeconds(0)).toBe(0);
    expect(estimateSeconds(1)).toBe(1);
    expect(estimateSeconds(50)).toBe(19);
    expect(estimateSeconds(300)).toBe(109);
  });

  it("scales with the policy it is given", () => {
    expect(estimateSeconds(60, { ...SMARTBILL_RATE_LIMIT, limit: 60, headroom: 0, marginMs: 0 })).toBe(10);
  });
});
