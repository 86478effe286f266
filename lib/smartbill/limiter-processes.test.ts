// Three processes share one token through the PostgreSQL limiter against the sandbox at a scaled limit
// (10 calls / 2 s): SmartBill's own log must never show more than the limit in any window, and after a
// 429 nobody calls until the block is over, then everyone recovers. Verdicts come from SmartBill's log
// and the limiter's ledger (database clock), never from how long anything took: throughput is the
// bench's business (npm run bench:smartbill).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { maxInWindow, runLimiterWorkers, type WorkerSpec } from "../../scripts/smartbill-workers";
import { startSandbox, type Sandbox } from "@/test/sandbox";
import { budgetOf, loadSmartBillConfig } from "./config";

const LIMIT = 10;
const WINDOW_MS = 2_000;
const BLOCK_MS = 2_500;

let h: Sandbox;
let spec: WorkerSpec;
beforeAll(async () => {
  h = await startSandbox();
  spec = {
    baseUrl: h.server.baseUrl,
    username: h.creds.username,
    cif: h.creds.cif,
    callers: 3,
    durationMs: 4_200,
    // The production formula (budget = floor(limit × (1 − headroom)), window + margin…), scaled.
    rateLimit: { limit: LIMIT, windowMs: WINDOW_MS, blockMs: BLOCK_MS },
  };
});
afterAll(() => h.close());

// What the workers use: budget 9 per window of 2 s + margin.
const POLICY = loadSmartBillConfig({}, { rateLimit: { limit: LIMIT, windowMs: WINDOW_MS, blockMs: BLOCK_MS } }).rateLimit;
const BUDGET = budgetOf(POLICY);

/** The ledger's reservations (database clock, ms), oldest first. */
async function reservations(): Promise<number[]> {
  const rows = await h.db.sql<{ r: number }[]>`
    select extract(epoch from reserved_at) * 1000 as r from smartbill_rate_calls order by reserved_at`;
  return rows.map((x) => Number(x.r));
}

const run = (durationMs: number) =>
  runLimiterWorkers({ processes: 3, databaseUrl: h.db.url, token: h.creds.token, spec: { ...spec, durationMs } });

describe("the limiter across processes", () => {
  it("never exceeds the budget in any window, sliding or fixed, and uses most of it", async () => {
    await h.admin.setRateLimit({ account: h.creds.username, limit: LIMIT, windowMs: WINDOW_MS, blockMs: 60_000, mode: "sliding" });
    await h.db.sql`delete from smartbill_rate_calls`;
    await h.mark();
    const { results } = await run(4_200);
    const calls = await h.calls();
    expect(calls.every((c) => c.status === 200)).toBe(true);
    expect(results.every((r) => r.ok > 0 && Object.keys(r.errors).length === 0)).toBe(true);
    const times = calls.map((c) => c.at.getTime());
    expect(maxInWindow(times, WINDOW_MS)).toBeLessThanOrEqual(LIMIT);
    // Nine callers in three processes want more than the budget: the processes share it rather than
    // each keeping a part, so some window of the ledger holds the whole budget, and none holds more.
    const granted = await reservations();
    // (A slot granted as a worker stopped may not have been used.)
    expect(granted.length).toBeGreaterThanOrEqual(calls.length);
    expect(maxInWindow(granted, POLICY.windowMs + POLICY.marginMs)).toBe(BUDGET);
  }, 30_000);

  it("after a 429 every process stays away for the block, then all recover", async () => {
    await h.admin.setRateLimit({ account: h.creds.username, limit: LIMIT, windowMs: WINDOW_MS, blockMs: 60_000, mode: "sliding" });
    await h.db.sql`delete from smartbill_rate_calls`;
    await h.admin.addFault({ account: h.creds.username, kind: "status", status: 429, path: "/series", count: 1, body: { errorText: "Limita depasita" } });
    await h.mark();
    const { results } = await run(5_000);
    const calls = await h.calls();
    const blocked = calls.filter((c) => c.status === 429);
    expect(blocked).toHaveLength(1);
    const x = blocked[0]!.at.getTime();
    const [state] = await h.db.sql<{ start: number; end: number; recovering: boolean }[]>`
      select extract(epoch from blocked_until - make_interval(secs => ${BLOCK_MS / 1000})) * 1000 as start,
             extract(epoch from blocked_until) * 1000 as end, recovering
      from smartbill_rate_state`;
    const start = Number(state!.start);
    const end = Number(state!.end);
    // SmartBill's log is on this machine's Date clock, the ledger on PostgreSQL's; they may differ by a
    // few ms, so the block's end on the log's clock is known to lie in [endBefore, endAfter].
    const js0 = Date.now();
    const [clock] = await h.db.sql<{ n: number }[]>`select extract(epoch from clock_timestamp()) * 1000 as n`;
    const js1 = Date.now();
    const endBefore = end - (Number(clock!.n) - js0) - 2;
    const endAfter = end - (Number(clock!.n) - js1) + 2;
    // No slot was granted while the block lasted (database clock): blocks and grant rounds take the
    // same lock, so a round either finished before the block began or saw it.
    const [late] = await h.db.sql<{ n: number }[]>`
      select count(*)::int as n from smartbill_rate_calls
      where reserved_at >= to_timestamp(${start} / 1000.0) and reserved_at < to_timestamp(${end} / 1000.0)`;
    expect(late!.n).toBe(0);
    // …so what reached SmartBill before the block ended had been granted before it began: the calls
    // already on their way when the 429 came, fewer than the limit.
    const granted = await reservations();
    const grantedBefore = granted.filter((r) => r < start).length;
    expect(calls.filter((c) => c.at.getTime() < endBefore).length).toBeLessThanOrEqual(grantedBefore);
    expect(calls.filter((c) => c.at.getTime() > x && c.at.getTime() < endBefore).length).toBeLessThan(LIMIT);
    // Then one probe went, SmartBill answered it, and the probing ended: everyone called again.
    expect(state!.recovering).toBe(false);
    const after = calls.filter((c) => c.at.getTime() >= endAfter);
    expect(after.length).toBeGreaterThanOrEqual(2);
    expect(after.every((c) => c.status === 200)).toBe(true);
    expect(granted.filter((r) => r >= end).length).toBeGreaterThanOrEqual(2);
    expect(maxInWindow(calls.map((c) => c.at.getTime()), WINDOW_MS)).toBeLessThanOrEqual(LIMIT);
    // Every process saw calls succeed after the block.
    expect(results.every((r) => r.ok > 0)).toBe(true);
  }, 30_000);
});
