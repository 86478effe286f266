import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { budgetOf, loadSmartBillConfig, SMARTBILL_PRODUCTION_URL, SMARTBILL_RATE_LIMIT } from "./config";
import { SmartBillError } from "./errors";
import { blockAfterResponse, retryDelayMs } from "./http-policy";

const policy = loadSmartBillConfig({}).rateLimit;
const now = Date.UTC(2026, 10, 25, 12, 0, 0);

describe("configuration", () => {
  it("defaults to production SmartBill and a budget below its 30 calls / 10 s", () => {
    const c = loadSmartBillConfig({});
    expect(c.baseUrl).toBe(SMARTBILL_PRODUCTION_URL);
    expect(c.rateLimit).toMatchObject({ limit: 30, windowMs: 10_000, blockMs: 600_000 });
    expect(budgetOf(c.rateLimit)).toBe(28);
    expect(c.createTimeoutMs).toBeGreaterThan(c.timeoutMs);
  });

  it("reads SMARTBILL_* variables, ignores empty ones, and names (never echoes) bad ones", () => {
    const c = loadSmartBillConfig({ SMARTBILL_MAX_RETRIES: "5", SMARTBILL_TIMEOUT_MS: "", SMARTBILL_BASE_URL: "https://x.test/api/" });
    expect([c.maxRetries, c.timeoutMs, c.baseUrl]).toEqual([5, 20_000, "https://x.test/api"]);
    expect(() => loadSmartBillConfig({ SMARTBILL_MAX_WAIT_MS: "secret-ish" })).toThrow(/SMARTBILL_MAX_WAIT_MS/);
    expect(() => loadSmartBillConfig({ SMARTBILL_MAX_WAIT_MS: "secret-ish" })).not.toThrow(/secret-ish/);
  });

  it("keeps the rate limit SmartBill publishes whatever the environment says; only explicit options change it", () => {
    const c = loadSmartBillConfig({ SMARTBILL_RATE_LIMIT: "300", SMARTBILL_RATE_HEADROOM: "0.5" });
    expect(c.rateLimit).toEqual(SMARTBILL_RATE_LIMIT);
    const own = loadSmartBillConfig({}, { rateLimit: { limit: 300 } });
    expect(budgetOf(own.rateLimit)).toBe(285);
  });
});

describe("blockAfterResponse", () => {
  it("blocks 10 minutes after a 429, longer if SmartBill says so", () => {
    expect(blockAfterResponse(429, {}, policy, now)).toEqual({ forMs: 600_000, reason: "429" });
    expect(blockAfterResponse(429, { "retry-after": "900" }, policy, now)?.forMs).toBe(900_000);
    expect(blockAfterResponse(429, { "retry-after": "999999" }, policy, now)?.forMs).toBe(3_600_000);
  });

  it("waits for the reset when SmartBill reports nothing left, never longer than a window", () => {
    const reset = String((now + 4_000) / 1000);
    expect(blockAfterResponse(200, { "x-ratelimit-remaining": "0", "x-ratelimit-reset": reset }, policy, now)).toEqual({
      forMs: 4_000 + policy.marginMs,
      reason: "remaining_zero",
    });
    const far = String((now + 3_600_000) / 1000);
    expect(blockAfterResponse(200, { "x-ratelimit-remaining": "0", "x-ratelimit-reset": far }, policy, now)?.forMs).toBe(
      policy.windowMs + policy.marginMs,
    );
    expect(blockAfterResponse(200, { "x-ratelimit-remaining": "3" }, policy, now)).toBeUndefined();
  });

  it("backs off with jitter, doubling up to a cap", () => {
    for (let i = 0; i < 50; i++) {
      const d = retryDelayMs(2, 300);
      expect(d).toBeGreaterThanOrEqual(300);
      expect(d).toBeLessThanOrEqual(600);
    }
    expect(retryDelayMs(20, 300)).toBeLessThanOrEqual(5_000);
  });
});

describe("SmartBillError", () => {
  it("serialises and inspects to a fixed, safe shape", () => {
    const e = new SmartBillError({ code: "rate_limited", until: new Date(now), httpStatus: 429, operation: "series.list" });
    expect(e.retryable).toBe(true);
    expect(e.until?.getTime()).toBe(new Date(now).getTime());
    expect(JSON.parse(JSON.stringify(e))).toMatchObject({ code: "rate_limited", until: new Date(now).toISOString(), httpStatus: 429 });
    (e as unknown as Record<string, unknown>).attached = "sandbox-demo-token-2026";
    expect(inspect(e)).not.toContain("sandbox-demo-token-2026");
    expect(JSON.stringify(e)).not.toContain("sandbox-demo-token-2026");
    expect(new SmartBillError({ code: "ambiguous" }).retryable).toBe(false);
  });
});
