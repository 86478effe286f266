import { describe, expect, it } from "vitest";
import { planGrant, type CallRow } from "./rate-limit-store";

const base = { now: 100_000, blockedMs: null, recovering: false, budget: 3, windowMs: 1_000 };
const h = (holdMs: number, reserve = 0) => ({ holdMs, reserve });
const settled = (latestMs: number): CallRow => ({ reservedMs: latestMs - 5, latestMs, pending: false });

describe("planGrant", () => {
  it("grants what the window has room for, in one batch", () => {
    expect(planGrant({ ...base, rows: [settled(99_500)], holds: [h(500), h(500)] })).toEqual({ grant: 2 });
    const partial = planGrant({ ...base, rows: [settled(99_500)], holds: [h(500), h(500), h(500)] });
    expect(partial.grant).toBe(2);
    // Full now: the oldest settled call leaves the window at 99_500 + 1_000.
    expect(partial.wait).toMatchObject({ waitMs: 500, earliestMs: 500, untilMs: 500 });
  });

  it("a call still in flight may leave early, never before its reservation leaves; `until` stays pessimistic", () => {
    const rows: CallRow[] = [settled(99_900), settled(99_950), { reservedMs: 99_990, latestMs: 120_000, pending: true }];
    const p = planGrant({ ...base, rows, holds: [h(500)] });
    expect(p.grant).toBe(0);
    expect(p.wait).toMatchObject({ waitMs: 900, earliestMs: 900, untilMs: 900 });
    const onlyPending = planGrant({ ...base, budget: 1, rows: [{ reservedMs: 99_990, latestMs: 120_000, pending: true }], holds: [h(500)] });
    // Cannot free before its reservation leaves the window; after that, poll for its answer.
    expect(onlyPending.wait).toMatchObject({ waitMs: 990, earliestMs: 990, untilMs: 21_000 });
  });

  it("grants nothing during a block and says until when", () => {
    expect(planGrant({ ...base, blockedMs: 160_000, rows: [], holds: [h(500)] })).toEqual({
      grant: 0,
      wait: { waitMs: 60_000, earliestMs: 60_000, untilMs: 60_000, blocked: true },
    });
  });

  it("after a 429 block lets one probe out, then nobody until it is answered", () => {
    const probe = planGrant({ ...base, recovering: true, rows: [], holds: [h(500), h(500)] });
    expect(probe.grant).toBe(1);
    const waiting = planGrant({ ...base, recovering: true, rows: [{ reservedMs: 99_990, latestMs: 100_490, pending: true }], holds: [h(500)] });
    expect(waiting.grant).toBe(0);
    expect(planGrant({ ...base, recovering: true, rows: [settled(99_995)], holds: [h(500)] }).grant).toBe(1);
  });

  it("a class with a reserve stops short of the budget; the wait is for its own room", () => {
    // budget 3, one call in the window: an interactive ask gets both free slots, a bulk one (reserve 1)
    // gets one, a background one (reserve 2) none.
    expect(planGrant({ ...base, rows: [settled(99_500)], holds: [h(500), h(500)] }).grant).toBe(2);
    const bulk = planGrant({ ...base, rows: [settled(99_500)], holds: [h(500, 1), h(500, 1)] });
    expect(bulk.grant).toBe(1);
    // Its room is 2: it must wait for the older of the two calls now in the window (99_500 + 1_000).
    expect(bulk.wait).toMatchObject({ earliestMs: 500, untilMs: 500 });
    expect(planGrant({ ...base, rows: [settled(99_500)], holds: [h(500, 2)] }).grant).toBe(0);
    // Mixed, in serving order: the interactive ask takes a slot, and then the window holds two calls,
    // which is all the bulk one's room.
    expect(planGrant({ ...base, rows: [settled(99_500)], holds: [h(500), h(500, 1), h(500, 2)] }).grant).toBe(1);
    expect(planGrant({ ...base, rows: [], holds: [h(500), h(500, 1), h(500, 2)] }).grant).toBe(2);
    const full = planGrant({ ...base, rows: [settled(99_600), settled(99_700)], holds: [h(500, 1)] });
    expect(full.grant).toBe(0);
    expect(full.wait).toMatchObject({ earliestMs: 600, untilMs: 600 });
  });
});
