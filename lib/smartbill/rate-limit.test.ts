import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createDb, type DbHandle } from "../../db/client";
import { createTestDb, type TestDb } from "../../test/db";
import type { RateLimitPolicy } from "./config";
import { isSmartBillError } from "./errors";
import { SmartBillRateLimiter } from "./rate-limit";

const policy: RateLimitPolicy = {
  limit: 5,
  windowMs: 600,
  headroom: 0,
  marginMs: 0,
  blockMs: 800,
  sendSlackMs: 250,
  lateArrivalMs: 100,
};
const hold = { holdMs: 5_000, maxWaitMs: 5_000 };

let t: TestDb;
let second: DbHandle;
let key = "";
beforeAll(async () => {
  t = await createTestDb();
  second = createDb(t.url, { max: 3 });
});
afterAll(async () => {
  await second.close();
  await t.drop();
});
beforeEach(() => {
  key = `test-${Math.random().toString(36).slice(2)}`;
});

const answeredNow = () => ({ sent: true, answeredAt: performance.now(), httpStatus: 200 });

describe("SmartBillRateLimiter", () => {
  it("grants the budget at once, then makes the next caller wait for the oldest call's window", async () => {
    const l = new SmartBillRateLimiter(t.db, policy);
    const t0 = performance.now();
    for (let i = 0; i < 5; i++) await l.settle(await l.acquire(key, hold), answeredNow());
    expect(performance.now() - t0).toBeLessThan(300);
    await l.acquire(key, hold);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(policy.windowMs - 5);
  });

  it("fails with rate_limited and `until` instead of waiting past maxWaitMs", async () => {
    const l = new SmartBillRateLimiter(t.db, policy);
    for (let i = 0; i < 5; i++) await l.acquire(key, hold);
    const err = await l.acquire(key, { holdMs: 1000, maxWaitMs: 50 }).catch((e: unknown) => e);
    expect(isSmartBillError(err) && err.code).toBe("rate_limited");
    expect(isSmartBillError(err) && err.until!.getTime()).toBeGreaterThan(Date.now());
  });

  it("holds an unanswered call's slot for its whole hold time", async () => {
    const l = new SmartBillRateLimiter(t.db, policy);
    for (let i = 0; i < 4; i++) await l.settle(await l.acquire(key, hold), answeredNow());
    const inFlight = await l.acquire(key, hold); // never settled: could still arrive at any moment
    await new Promise((r) => setTimeout(r, policy.windowMs + 250));
    // The four answered calls have left the window; the in-flight one has not.
    for (let i = 0; i < 4; i++) await l.acquire(key, { ...hold, maxWaitMs: 0 });
    const err = await l.acquire(key, { ...hold, maxWaitMs: 0 }).catch((e: unknown) => e);
    expect(isSmartBillError(err) && err.code).toBe("rate_limited");
    await l.settle(inFlight, { sent: false });
  });

  it("never lets two processes together exceed the budget in any window", async () => {
    const a = new SmartBillRateLimiter(t.db, policy);
    const b = new SmartBillRateLimiter(second.db, policy);
    const grants: number[] = [];
    const worker = async (l: SmartBillRateLimiter) => {
      for (let i = 0; i < 3; i++) {
        const s = await l.acquire(key, hold);
        await l.settle(s, answeredNow());
      }
    };
    await Promise.all([a, b, a, b, a, b].map(worker));
    const rows = (await t.db.execute(sql`
      select extract(epoch from reserved_at) * 1000 as r, extract(epoch from latest_at) * 1000 as l
      from smartbill_rate_calls where token_key = ${key} order by reserved_at`)) as unknown as { r: number; l: number }[];
    expect(rows).toHaveLength(18);
    for (const row of rows) grants.push(Number(row.r));
    // Any window of windowMs holds at most `limit` reservations.
    for (let i = 0; i < grants.length; i++) {
      const inWindow = grants.filter((g) => g >= grants[i]! && g < grants[i]! + policy.windowMs).length;
      expect(inWindow).toBeLessThanOrEqual(policy.limit);
    }
  });

  it("after a 429 keeps everyone away, then lets one probe through at a time", async () => {
    const a = new SmartBillRateLimiter(t.db, policy);
    const b = new SmartBillRateLimiter(second.db, policy);
    const until = await a.block(key, policy.blockMs, "429");
    expect(until.getTime()).toBeGreaterThan(Date.now() + policy.blockMs - 100);
    const early = await b.acquire(key, { ...hold, maxWaitMs: 100 }).catch((e: unknown) => e);
    expect(isSmartBillError(early) && early.code).toBe("rate_limited");
    expect(isSmartBillError(early) && Math.abs(early.until!.getTime() - until.getTime())).toBeLessThan(100);

    const probe = await b.acquire(key, hold);
    expect(Date.now()).toBeGreaterThanOrEqual(until.getTime() - 20);
    // While the probe is in flight nobody else goes.
    const other = await a.acquire(key, { ...hold, maxWaitMs: 150 }).catch((e: unknown) => e);
    expect(isSmartBillError(other) && other.code).toBe("rate_limited");
    await b.settle(probe, answeredNow());
    await a.acquire(key, { ...hold, maxWaitMs: 0 });
  });

  it("a longer block is never shortened by a later, shorter one", async () => {
    const l = new SmartBillRateLimiter(t.db, policy);
    const long = await l.block(key, 2_000, "429");
    const after = await l.block(key, 100, "remaining_zero");
    expect(Math.abs(after.getTime() - long.getTime())).toBeLessThan(50);
    expect((await l.blockedUntil(key))!.getTime()).toBeGreaterThan(Date.now() + 1_500);
  });
});
