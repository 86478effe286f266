// Three processes share one token through the PostgreSQL limiter against the sandbox at a scaled limit
// (10 calls / 2 s): SmartBill's own log must never show more than the limit in any window, and after a
// 429 nobody calls until the block is over, then everyone recovers.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { maxInWindow, runLimiterWorkers, type WorkerSpec } from "../../scripts/smartbill-workers";
import { startSandbox, type Sandbox } from "@/test/sandbox";

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

const run = (durationMs: number) =>
  runLimiterWorkers({ processes: 3, databaseUrl: h.db.url, token: h.creds.token, spec: { ...spec, durationMs } });

describe("the limiter across processes", () => {
  it("never exceeds the budget in any window, sliding or fixed, and uses most of it", async () => {
    await h.admin.setRateLimit({ account: h.creds.username, limit: LIMIT, windowMs: WINDOW_MS, blockMs: 60_000, mode: "sliding" });
    await h.mark();
    const { startAt, results } = await run(4_200);
    const calls = await h.calls();
    expect(calls.every((c) => c.status === 200)).toBe(true);
    expect(results.every((r) => r.ok > 0 && Object.keys(r.errors).length === 0)).toBe(true);
    const times = calls.map((c) => c.at.getTime());
    expect(maxInWindow(times, WINDOW_MS)).toBeLessThanOrEqual(LIMIT);
    // 3 × 3 callers want far more than 5 calls/s; over ~2 windows the budget (9 per window) is used.
    const inRun = times.filter((t) => t >= startAt && t < startAt + 2 * WINDOW_MS).length;
    expect(inRun).toBeGreaterThanOrEqual(2 * Math.floor(LIMIT * 0.95) - 1);
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
    // No slot was granted while the block lasted (database clock)…
    const [granted] = await h.db.sql<{ n: number }[]>`
      select count(*)::int as n from smartbill_rate_calls c join smartbill_rate_state s using (token_key)
      where c.reserved_at > s.blocked_until - make_interval(secs => ${BLOCK_MS / 1000}) + interval '5 ms'
        and c.reserved_at < s.blocked_until`;
    expect(granted!.n).toBe(0);
    // …so after the calls already on their way when the 429 came, SmartBill saw nothing until it ended.
    const during = calls.filter((c) => c.at.getTime() > x + 1_000 && c.at.getTime() < x + BLOCK_MS - 50);
    expect(during).toEqual([]);
    expect(calls.filter((c) => c.at.getTime() > x && c.at.getTime() < x + BLOCK_MS - 50).length).toBeLessThan(LIMIT);
    const after = calls.filter((c) => c.at.getTime() >= x + BLOCK_MS - 50);
    expect(after.length).toBeGreaterThanOrEqual(LIMIT - 2);
    expect(after.every((c) => c.status === 200)).toBe(true);
    expect(maxInWindow(calls.map((c) => c.at.getTime()), WINDOW_MS)).toBeLessThanOrEqual(LIMIT);
    // Every process saw calls succeed after the block.
    expect(results.every((r) => r.ok > 0)).toBe(true);
  }, 30_000);
});
