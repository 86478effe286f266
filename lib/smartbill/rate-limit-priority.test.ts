// Priority in the shared SmartBill budget: a person's call before bulk issuing, bulk issuing before
// background reads, in one process and across two. Behaviour only (who was served, who was refused),
// never a stopwatch.
import { performance } from "node:perf_hooks";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createDb, type DbHandle } from "../../db/client";
import { createTestDb, type TestDb } from "../../test/db";
import type { RateLimitPolicy } from "./config";
import { isSmartBillError } from "./errors";
import { BACKGROUND_AGING_MS, servingOrder, SmartBillRateLimiter, type CallPriority } from "./rate-limit";

const policy: RateLimitPolicy = { limit: 5, windowMs: 600, headroom: 0, marginMs: 0, blockMs: 800, sendSlackMs: 250, lateArrivalMs: 100 };
// Such a slot cannot leave the window while the test runs.
const longHold = { holdMs: 120_000, maxWaitMs: 0 };

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
  key = `prio-${Math.random().toString(36).slice(2)}`;
});

const refused = (p: Promise<unknown>) => p.then(() => false, (e: unknown) => isSmartBillError(e) && e.code === "rate_limited");

describe("priority in the SmartBill budget", () => {
  it("serves a person's call before bulk and background calls that queued earlier", async () => {
    const l = new SmartBillRateLimiter(t.db, policy);
    // Fill the window with answered calls: nobody is served until they leave it.
    const first = await Promise.all([0, 1, 2, 3, 4].map(() => l.acquire(key, { holdMs: 5_000, maxWaitMs: 0 })));
    for (const s of first) await l.settle(s, { sent: true, answeredAt: performance.now(), httpStatus: 200 });
    const order: string[] = [];
    const ask = (name: string, priority: CallPriority) =>
      l.acquire(key, { holdMs: 5_000, maxWaitMs: 10_000, priority }).then(async (s) => {
        order.push(name);
        // Answered at once: it leaves the window a window later, so the background calls get served too.
        await l.settle(s, { sent: true, answeredAt: performance.now(), httpStatus: 200 });
      });
    const all = [ask("bg1", "background"), ask("bg2", "background"), ask("bulk1", "bulk"), ask("bulk2", "bulk"), ask("person", "interactive")];
    await Promise.all(all);
    expect(order).toEqual(["person", "bulk1", "bulk2", "bg1", "bg2"]);
  });

  it("across two processes, bulk issuing leaves a person's slot free and background reads leave bulk's", async () => {
    const worker = new SmartBillRateLimiter(t.db, policy);
    const web = new SmartBillRateLimiter(second.db, policy);
    // The worker's bulk lanes take all they may: budget 5 less bulk's reserve of 1.
    const bulk = await Promise.all([0, 1, 2, 3, 4, 5].map(() => refused(worker.acquire(key, { ...longHold, priority: "bulk" }))));
    expect(bulk.filter((r) => !r)).toHaveLength(4);
    // Background reads get nothing while bulk is at its share.
    expect(await refused(web.acquire(key, { ...longHold, priority: "background" }))).toBe(true);
    // A person in the other process is served at once, without waiting for any call to leave the window.
    expect(await refused(web.acquire(key, { ...longHold, priority: "interactive" }))).toBe(false);
    // And the budget itself still holds.
    expect(await refused(web.acquire(key, { ...longHold, priority: "interactive" }))).toBe(true);
  });

  it("a background call waiting past the aging time is served as bulk, before younger bulk calls", () => {
    const now = 1_000_000;
    const w = (name: string, priority: CallPriority, since: number, seq: number) => ({ name, priority, since, seq });
    const queue = [
      w("bulk-young", "bulk", now - 1_000, 1),
      w("bg-aged", "background", now - BACKGROUND_AGING_MS - 1, 2),
      w("bg-young", "background", now - 10, 3),
      w("person", "interactive", now, 4),
    ];
    expect(servingOrder(queue, now).map((x) => x.name)).toEqual(["person", "bg-aged", "bulk-young", "bg-young"]);
  });
});
