import "server-only";
import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { budgetOf, type RateLimitPolicy } from "./config";
import { SmartBillError } from "./errors";
import { LocalGate, sleep } from "./rate-limit-gate";

/*
 * One budget per token shared by every process, kept in PostgreSQL and timed by its clock.
 *
 * Each call is a row with the window of time in which it can reach SmartBill: [reserved_at, latest_at].
 * latest_at starts pessimistic (the whole timeout) and is narrowed once SmartBill answers, because it
 * had the request by then. A new call is granted at t only if fewer than `budget` earlier calls have
 * latest_at > t − (window + margin); then no window of SmartBill's, fixed or sliding, can hold more
 * than `budget` calls whatever each one's network delay was. Proof and figures: docs/smartbill-client.md.
 */

export interface Slot {
  readonly id: string;
  readonly tokenKey: string;
  /** performance.now() once the granting transaction held the lock; the slot's database time is not earlier. */
  readonly grantedFrom: number;
}

export interface AcquireOptions {
  /** Longest wait for a slot; past it the call fails with `rate_limited` and `until`. */
  maxWaitMs: number;
  /** How long the slot may take to be answered (send slack + timeout + late arrival). */
  holdMs: number;
  operation?: string;
}

export interface SettleOutcome {
  /** performance.now() when SmartBill's answer arrived; undefined when there was none. */
  answeredAt?: number;
  /** false when the request provably never left (refused, DNS, connect timeout, slot not used). */
  sent: boolean;
  httpStatus?: number;
}

/** Not granted: look again after waitMs; a slot cannot free before earliestMs, surely by untilMs (from now). */
type Attempt = { slot: Slot } | { waitMs: number; earliestMs: number; untilMs: number; blocked?: boolean };

const LOCK_NS = 0x5b11;
// A waiter whose next free slot depends on a call still in flight looks again this often.
const PENDING_POLL_MS = 25;

const num = (v: unknown): number => (v === null || v === undefined ? NaN : Number(v));

export class SmartBillRateLimiter {
  readonly budget: number;
  private readonly windowMs: number;
  private readonly gate = new LocalGate();
  // Last block seen per key, so callers that cannot wait that long fail at once without queueing.
  private readonly knownBlocks = new Map<string, number>();

  constructor(
    private readonly db: Database,
    readonly policy: RateLimitPolicy,
  ) {
    this.budget = budgetOf(policy);
    this.windowMs = policy.windowMs + policy.marginMs;
  }

  async acquire(tokenKey: string, opts: AcquireOptions): Promise<Slot> {
    const deadline = Date.now() + Math.max(0, opts.maxWaitMs);
    const known = this.knownBlocks.get(tokenKey);
    if (known !== undefined && known > deadline) throw this.limited(known, opts.operation);
    const release = await this.gate.enter(tokenKey, deadline).catch(() => {
      throw this.limited(Math.max(this.knownBlocks.get(tokenKey) ?? 0, deadline + 1), opts.operation);
    });
    try {
      for (;;) {
        const a = await this.tryAcquire(tokenKey, opts.holdMs);
        if ("slot" in a) return a.slot;
        const now = Date.now();
        if (a.blocked) this.knownBlocks.set(tokenKey, now + a.untilMs);
        if (now + a.earliestMs > deadline) throw this.limited(now + a.untilMs, opts.operation);
        await sleep(Math.max(1, Math.min(a.waitMs, deadline - now)));
      }
    } finally {
      release();
    }
  }

  private limited(untilMs: number, operation?: string): SmartBillError {
    return new SmartBillError({ code: "rate_limited", until: new Date(untilMs), retryable: true, ...(operation ? { operation } : {}) });
  }

  private tryAcquire(tokenKey: string, holdMs: number): Promise<Attempt> {
    return this.db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${LOCK_NS}, hashtext(${tokenKey}))`);
      // Every later statement runs after this instant, so the slot's database time cannot be earlier;
      // measured after the lock so time spent queueing for it does not count against the slot.
      const grantedFrom = performance.now();
      const [st] = (await tx.execute(sql`
        select extract(epoch from clock_timestamp()) * 1000 as now_ms,
               extract(epoch from s.blocked_until) * 1000 as blocked_ms,
               coalesce(s.recovering, false) as recovering
        from (select 1) one left join smartbill_rate_state s on s.token_key = ${tokenKey}`)) as unknown as {
        now_ms: number;
        blocked_ms: number | null;
        recovering: boolean;
      }[];
      const now = num(st!.now_ms);
      const blocked = num(st!.blocked_ms);
      if (blocked > now) return { waitMs: blocked - now, earliestMs: blocked - now, untilMs: blocked - now, blocked: true };
      this.knownBlocks.delete(tokenKey);

      const rows = (await tx.execute(sql`
        select extract(epoch from reserved_at) * 1000 as reserved_ms, extract(epoch from latest_at) * 1000 as latest_ms,
               settled_at is null as pending
        from smartbill_rate_calls
        where token_key = ${tokenKey} and latest_at > clock_timestamp() - make_interval(secs => ${this.windowMs / 1000})
        order by latest_at`)) as unknown as { reserved_ms: number; latest_ms: number; pending: boolean }[];

      // After a 429 block, one probe at a time until SmartBill answers without a 429.
      const probes = rows.filter((r) => r.pending && num(r.latest_ms) > now);
      if (st!.recovering && probes.length) {
        return { waitMs: PENDING_POLL_MS * 4, earliestMs: 1, untilMs: Math.max(...probes.map((r) => num(r.latest_ms))) - now };
      }

      if (rows.length >= this.budget) {
        // The slot frees when the budget-th newest call leaves the window. A call still in flight may
        // settle any moment and leave sooner, so waiting on one means looking again soon.
        const blocking = rows.slice(rows.length - this.budget);
        const k = blocking[0]!;
        const untilMs = num(k.latest_ms) + this.windowMs - now;
        const earliestMs = Math.min(...blocking.map((r) => num(r.pending ? r.reserved_ms : r.latest_ms))) + this.windowMs - now;
        const waitMs = blocking.some((r) => r.pending) ? Math.min(PENDING_POLL_MS, untilMs) : untilMs;
        return { waitMs: Math.max(1, Math.ceil(waitMs)), earliestMs: Math.max(0, earliestMs), untilMs: Math.max(1, untilMs) };
      }

      await tx.execute(sql`
        delete from smartbill_rate_calls
        where token_key = ${tokenKey} and latest_at < clock_timestamp() - make_interval(secs => ${(this.windowMs + 60_000) / 1000})`);
      const [ins] = (await tx.execute(sql`
        insert into smartbill_rate_calls (token_key, reserved_at, latest_at)
        values (${tokenKey}, clock_timestamp(), clock_timestamp() + make_interval(secs => ${holdMs / 1000}))
        returning id::text as id`)) as unknown as { id: string }[];
      return { slot: { id: ins!.id, tokenKey, grantedFrom } };
    });
  }

  /** Narrows the call's window once we know when SmartBill had it (or that it never left). */
  async settle(slot: Slot, outcome: SettleOutcome): Promise<void> {
    let latestSecs: number;
    if (!outcome.sent) latestSecs = 0;
    else if (outcome.answeredAt !== undefined) latestSecs = (outcome.answeredAt - slot.grantedFrom + 1) / 1000;
    else latestSecs = (performance.now() - slot.grantedFrom + this.policy.lateArrivalMs) / 1000;
    const cleared = outcome.httpStatus !== undefined && outcome.httpStatus !== 429;
    await this.db.execute(sql`
      with u as (
        update smartbill_rate_calls
        set latest_at = least(latest_at, reserved_at + make_interval(secs => ${Math.max(0, latestSecs)})),
            settled_at = clock_timestamp(), http_status = ${outcome.httpStatus ?? null}
        where id = ${slot.id}::bigint
        returning token_key)
      update smartbill_rate_state s set recovering = false, updated_at = clock_timestamp()
      from u where s.token_key = u.token_key and s.recovering and ${cleared}`);
  }

  /** Keeps every process away until `forMs` from now (database clock); a longer block already set wins. */
  async block(tokenKey: string, forMs: number, reason: "429" | "remaining_zero"): Promise<Date> {
    const recovering = reason === "429";
    const [row] = (await this.db.execute(sql`
      insert into smartbill_rate_state (token_key, blocked_until, block_reason, recovering, rate_limited_count, updated_at)
      values (${tokenKey}, clock_timestamp() + make_interval(secs => ${forMs / 1000}), ${reason}, ${recovering},
              ${recovering ? 1 : 0}, clock_timestamp())
      on conflict (token_key) do update set
        blocked_until = greatest(smartbill_rate_state.blocked_until, excluded.blocked_until),
        block_reason = case when excluded.blocked_until >= coalesce(smartbill_rate_state.blocked_until, '-infinity')
                            then excluded.block_reason else smartbill_rate_state.block_reason end,
        recovering = smartbill_rate_state.recovering or excluded.recovering,
        rate_limited_count = smartbill_rate_state.rate_limited_count + excluded.rate_limited_count,
        updated_at = clock_timestamp()
      returning extract(epoch from blocked_until - clock_timestamp()) * 1000 as left_ms`)) as unknown as { left_ms: number }[];
    // Our clock, not the database's: callers compare it with Date.now().
    const until = Date.now() + Math.max(0, num(row!.left_ms));
    this.knownBlocks.set(tokenKey, until);
    return new Date(until);
  }

  /** For tests and the bench: the current block, if any. */
  async blockedUntil(tokenKey: string): Promise<Date | undefined> {
    const [row] = (await this.db.execute(sql`
      select extract(epoch from blocked_until - clock_timestamp()) * 1000 as left_ms from smartbill_rate_state
      where token_key = ${tokenKey} and blocked_until > clock_timestamp()`)) as unknown as { left_ms: number }[];
    return row ? new Date(Date.now() + num(row.left_ms)) : undefined;
  }
}
