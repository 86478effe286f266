// Behaviour only, no stopwatch: every check reads the limiter's own ledger (smartbill_rate_calls,
// smartbill_rate_state, timed by the database clock) or what acquire() returned, so a loaded machine
// can make the run slower but cannot change a verdict. Speed is shown by `npm run bench:smartbill`.
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
// Far longer than any test can take however loaded the machine is: such a slot cannot leave the window
// on its own while the test runs.
const longHold = { holdMs: 120_000, maxWaitMs: 5_000 };
// Granted in the first planning round, or refused: maxWaitMs 0 never waits.
const noWait = { holdMs: 5_000, maxWaitMs: 0 };

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
const refusal = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => (isSmartBillError(e) ? e : undefined));

interface Call {
  reserved: number;
  latest: number;
  settled: boolean;
}
/** The ledger for the test's token, oldest reservation first (database clock, ms). */
async function ledger(): Promise<Call[]> {
  const rows = (await t.db.execute(sql`
    select extract(epoch from reserved_at) * 1000 as r, extract(epoch from latest_at) * 1000 as l, settled_at is not null as s
    from smartbill_rate_calls where token_key = ${key} order by reserved_at, id`)) as unknown as { r: number; l: number; s: boolean }[];
  return rows.map((x) => ({ reserved: Number(x.r), latest: Number(x.l), settled: x.s }));
}
async function blockState(): Promise<{ until: number; reason: string; recovering: boolean }> {
  const [row] = (await t.db.execute(sql`
    select extract(epoch from blocked_until) * 1000 as u, block_reason, recovering
    from smartbill_rate_state where token_key = ${key}`)) as unknown as { u: number; block_reason: string; recovering: boolean }[];
  return { until: Number(row!.u), reason: row!.block_reason, recovering: row!.recovering };
}
const dbNow = async () => {
  const [row] = (await t.db.execute(sql`select extract(epoch from clock_timestamp()) * 1000 as n`)) as unknown as { n: number }[];
  return Number(row!.n);
};
// The limiter reports an end on this process's clock as Date.now() + the database's "time left"; the two
// clocks need not agree (they differ by milliseconds here), so an end is compared as time left, measured
// on each clock around the call that reported it. MS covers Date's and extract(epoch)'s rounding.
const MS = 2;
interface Around<T> {
  value: T;
  js: [number, number];
  db: [number, number];
}
async function around<T>(fn: () => Promise<T>): Promise<Around<T>> {
  const db0 = await dbNow();
  const js0 = Date.now();
  const value = await fn();
  const js1 = Date.now();
  const db1 = await dbNow();
  return { value, js: [js0, js1], db: [db0, db1] };
}
/** `reported` (this process's clock) names the same instant as `dbEnd` (database clock). */
function expectSameEnd(reported: Date, a: Around<unknown>, dbEnd: number) {
  const t = reported.getTime();
  expect(t - a.js[0]).toBeGreaterThanOrEqual(dbEnd - a.db[1] - MS);
  expect(t - a.js[1]).toBeLessThanOrEqual(dbEnd - a.db[0] + MS);
}

/** The limiter's promise: a call is granted only while fewer than `budget` earlier calls may still arrive in the window. */
function expectWithinBudget(calls: Call[], budget: number, windowMs: number) {
  calls.forEach((c, i) => {
    const stillIn = calls.slice(0, i).filter((e) => e.latest > c.reserved - windowMs).length;
    expect(stillIn).toBeLessThan(budget);
  });
}

describe("SmartBillRateLimiter", () => {
  it("grants the budget at once, then makes the next caller wait for the oldest call's window", async () => {
    const l = new SmartBillRateLimiter(t.db, policy);
    // All five in the first planning round each: with maxWaitMs 0 any wait would have been a refusal.
    const slots = [];
    for (let i = 0; i < 5; i++) slots.push(await l.acquire(key, { ...longHold, maxWaitMs: 0 }));
    const full = await around(() => refusal(l.acquire(key, noWait)));
    expect(full.value?.code).toBe("rate_limited");
    // It would be let in when the oldest call leaves the window, and not sooner.
    const oldest = (await ledger())[0]!;
    expectSameEnd(full.value!.until!, full, oldest.latest + policy.windowMs);
    for (const s of slots) await l.settle(s, answeredNow());
    // Once answered, the calls leave the window a window after their answer: the next caller waits for that.
    await l.acquire(key, hold);
    const calls = await ledger();
    expect(calls).toHaveLength(6);
    expect(calls[5]!.reserved).toBeGreaterThanOrEqual(calls[0]!.latest + policy.windowMs);
    expect(calls[5]!.reserved).toBeLessThan(calls[0]!.reserved + longHold.holdMs);
    expectWithinBudget(calls, policy.limit, policy.windowMs);
  });

  it("fails with rate_limited and `until` instead of waiting past maxWaitMs", async () => {
    const l = new SmartBillRateLimiter(t.db, policy);
    for (let i = 0; i < 5; i++) await l.acquire(key, longHold);
    const err = await around(() => refusal(l.acquire(key, { holdMs: 1000, maxWaitMs: 50 })));
    expect(err.value?.code).toBe("rate_limited");
    // `until` is when a slot surely frees: the oldest call's whole hold plus the window, not the 50 ms asked for.
    const calls = await ledger();
    expect(calls).toHaveLength(5);
    expectSameEnd(err.value!.until!, err, calls[0]!.latest + policy.windowMs);
    expect(err.value!.until!.getTime()).toBeGreaterThan(Date.now() + 60_000);
  });

  it("holds an unanswered call's slot for its whole hold time", async () => {
    const l = new SmartBillRateLimiter(t.db, policy);
    for (let i = 0; i < 4; i++) await l.settle(await l.acquire(key, hold), answeredNow());
    const inFlight = await l.acquire(key, longHold); // never settled: could still arrive at any moment
    // A lower bound only: at least a window passes after the four answers, so they have left it.
    await new Promise((r) => setTimeout(r, policy.windowMs + 250));
    for (let i = 0; i < 4; i++) await l.acquire(key, noWait);
    const err = await refusal(l.acquire(key, noWait));
    expect(err?.code).toBe("rate_limited");
    const calls = await ledger();
    expect(calls).toHaveLength(9);
    const held = calls[4]!;
    expect(held.settled).toBe(false);
    expect(held.latest - held.reserved).toBeCloseTo(longHold.holdMs, 0);
    // The answered four had left the window before the next four were granted; the held one had not.
    for (const c of calls.slice(5)) {
      expect(calls.slice(0, 4).every((a) => a.latest <= c.reserved - policy.windowMs)).toBe(true);
      expect(held.latest).toBeGreaterThan(c.reserved);
    }
    await l.settle(inFlight, { sent: false });
  });

  it("never lets two processes together exceed the budget in any window", async () => {
    const a = new SmartBillRateLimiter(t.db, policy);
    const b = new SmartBillRateLimiter(second.db, policy);
    const worker = async (l: SmartBillRateLimiter) => {
      for (let i = 0; i < 3; i++) {
        const s = await l.acquire(key, hold);
        await l.settle(s, answeredNow());
      }
    };
    await Promise.all([a, b, a, b, a, b].map(worker));
    const calls = await ledger();
    expect(calls).toHaveLength(18);
    expectWithinBudget(calls, policy.limit, policy.windowMs);
    // Hence any window of windowMs holds at most `limit` reservations.
    const grants = calls.map((c) => c.reserved);
    for (const g of grants) expect(grants.filter((x) => x >= g && x < g + policy.windowMs).length).toBeLessThanOrEqual(policy.limit);
  });

  it("after a 429 keeps everyone away, then lets one probe through at a time", async () => {
    const a = new SmartBillRateLimiter(t.db, policy);
    const b = new SmartBillRateLimiter(second.db, policy);
    // A block far longer than the test, so "during the block" cannot run out under load.
    const blockMs = 120_000;
    const until = await around(() => a.block(key, blockMs, "429"));
    const state = await blockState();
    expect(state).toMatchObject({ reason: "429", recovering: true });
    expect(state.until).toBeGreaterThanOrEqual(until.db[0] + blockMs);
    expect(state.until).toBeLessThanOrEqual(until.db[1] + blockMs);
    expectSameEnd(until.value, until, state.until);

    // The other process learns it from the database and is told the same end.
    const early = await around(() => refusal(b.acquire(key, { ...hold, maxWaitMs: 100 })));
    expect(early.value?.code).toBe("rate_limited");
    expectSameEnd(early.value!.until!, early, state.until);
    expect(await ledger()).toEqual([]);

    // The block runs out (moved to the past on the database clock; fresh processes, no cached block).
    await t.db.execute(sql`update smartbill_rate_state set blocked_until = clock_timestamp() - interval '1 ms' where token_key = ${key}`);
    const ended = (await blockState()).until;
    const a2 = new SmartBillRateLimiter(t.db, policy);
    const b2 = new SmartBillRateLimiter(second.db, policy);
    const probe = await b2.acquire(key, { ...longHold, maxWaitMs: 0 });
    expect((await ledger())[0]!.reserved).toBeGreaterThanOrEqual(ended);
    // While the probe is in flight nobody else goes, though the budget has room.
    const other = await refusal(a2.acquire(key, { ...hold, maxWaitMs: 150 }));
    expect(other?.code).toBe("rate_limited");
    expect(await ledger()).toHaveLength(1);
    await b2.settle(probe, answeredNow());
    expect((await blockState()).recovering).toBe(false);
    await a2.acquire(key, noWait);
    expect(await ledger()).toHaveLength(2);
  });

  it("a longer block is never shortened by a later, shorter one", async () => {
    const l = new SmartBillRateLimiter(t.db, policy);
    const long = await around(() => l.block(key, 120_000, "429"));
    const first = await blockState();
    const after = await around(() => l.block(key, 100, "remaining_zero"));
    // The database keeps the longer end, to the microsecond, and its reason.
    expect(await blockState()).toEqual(first);
    expect(first.reason).toBe("429");
    // Both calls, and blockedUntil(), report that end.
    expectSameEnd(long.value, long, first.until);
    expectSameEnd(after.value, after, first.until);
    const seen = await around(async () => (await l.blockedUntil(key))!);
    expectSameEnd(seen.value, seen, first.until);
    expect(after.value.getTime()).toBeGreaterThan(after.js[1] + 60_000);
  });

  it("a call sent but not answered holds its slot only until its send + late arrival, and stays pending", async () => {
    const l = new SmartBillRateLimiter(t.db, policy);
    const slot = await l.acquire(key, longHold);
    const [before] = await ledger();
    await l.sent(slot, performance.now());
    const [after] = await ledger();
    expect(after!.settled).toBe(false);
    expect(after!.latest).toBeLessThan(before!.latest);
    expect(after!.latest).toBeGreaterThanOrEqual(after!.reserved + policy.lateArrivalMs - MS);
    // Giving up on it later never widens it again.
    await l.settle(slot, { sent: true });
    const [last] = await ledger();
    expect(last!.settled).toBe(true);
    expect(last!.latest).toBeLessThanOrEqual(after!.latest + MS);
  });
});
