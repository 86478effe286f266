import "server-only";
import { performance } from "node:perf_hooks";
import type { Database } from "../../db/client";
import { budgetOf, type RateLimitPolicy } from "./config";
import { SmartBillError } from "./errors";
import { blockLeft, blockToken, grantSlots, narrowSlot, settleSlot, type Slot, type Wait } from "./rate-limit-store";

export type { Slot } from "./rate-limit-store";

/*
 * One budget per token shared by every process, kept in PostgreSQL and timed by its clock.
 *
 * Each call is a row with the span of time in which it can reach SmartBill: [reserved_at, latest_at].
 * latest_at starts pessimistic (the whole timeout) and is narrowed once SmartBill answers, because it
 * had the request by then. A new call is granted at t only if fewer than `budget` earlier calls have
 * latest_at > t − (window + margin); then no window of SmartBill's, fixed or sliding, can hold more
 * than `budget` calls whatever each one's network delay was. Proof and figures: docs/smartbill-client.md.
 *
 * Inside a process the waiters for a token queue by priority, then age, and one pump asks for slots for
 * the whole queue in one transaction, so thirty waiting callers cost one query, not thirty.
 *
 * Priority holds across processes too: a class may only take a slot while the window keeps its reserve
 * free (interactive none, bulk one, background two), so a person's call always finds the slot bulk
 * issuing leaves, and bulk issuing the ones background reads leave. A background call waiting past
 * BACKGROUND_AGING_MS (counted from `since`, when its work began) is served as bulk: reconcile is never
 * starved by a long bulk run.
 */

/** Who is waiting: a person (manual issue, a page), bulk or automatic issuing, or background reads. */
export type CallPriority = "interactive" | "bulk" | "background";

const RANK: Record<CallPriority, number> = { interactive: 0, bulk: 1, background: 2 };
/** Slots of the window each class leaves to the classes above it. */
const RESERVE: Record<CallPriority, number> = { interactive: 0, bulk: 1, background: 2 };
export const BACKGROUND_AGING_MS = 120_000;

export function reserveOf(priority: CallPriority, budget: number): number {
  return Math.min(RESERVE[priority], budget - 1);
}

export interface AcquireOptions {
  /** Longest wait for a slot; past it the call fails with `rate_limited` and `until`. */
  maxWaitMs: number;
  /** How long the slot may take to be answered (send slack + timeout + late arrival). */
  holdMs: number;
  operation?: string;
  /** Default "interactive". */
  priority?: CallPriority;
  /** Date.now() when the work this call belongs to began (ages background calls); default now. */
  since?: number;
}

export interface SettleOutcome {
  /** performance.now() when SmartBill's answer arrived; undefined when there was none. */
  answeredAt?: number;
  /** false when the request provably never left (refused, DNS, connect timeout, slot not used). */
  sent: boolean;
  httpStatus?: number;
}

interface Waiter {
  holdMs: number;
  priority: CallPriority;
  since: number;
  seq: number;
  deadline: number;
  operation: string | undefined;
  resolve(slot: Slot): void;
  reject(e: unknown): void;
}

const MAX_BATCH = 50;

function classNow(w: Pick<Waiter, "priority" | "since">, now: number): CallPriority {
  return w.priority === "background" && now - w.since >= BACKGROUND_AGING_MS ? "bulk" : w.priority;
}

/** The order a token's waiters are served in: class (aged), then when their work began, then arrival. */
export function servingOrder<W extends Pick<Waiter, "priority" | "since" | "seq">>(queue: W[], now: number): W[] {
  return queue
    .map((w) => ({ w, rank: RANK[classNow(w, now)] }))
    .sort((a, b) => a.rank - b.rank || a.w.since - b.w.since || a.w.seq - b.w.seq)
    .map((x) => x.w);
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, Math.max(0, ms)));

export class SmartBillRateLimiter {
  readonly budget: number;
  private readonly windowMs: number;
  private readonly queues = new Map<string, Waiter[]>();
  // Wakes a pump's sleep early when a new waiter arrives (its deadline may come first).
  private readonly wakers = new Map<string, () => void>();
  // Last block seen per key, so callers that cannot wait that long fail at once without queueing.
  private readonly knownBlocks = new Map<string, number>();
  private seq = 0;

  constructor(
    private readonly db: Database,
    readonly policy: RateLimitPolicy,
  ) {
    this.budget = budgetOf(policy);
    this.windowMs = policy.windowMs + policy.marginMs;
  }

  acquire(tokenKey: string, opts: AcquireOptions): Promise<Slot> {
    const deadline = Date.now() + Math.max(0, opts.maxWaitMs);
    const known = this.knownBlocks.get(tokenKey);
    if (known !== undefined && known > deadline) return Promise.reject(this.limited(known, opts.operation));
    return new Promise<Slot>((resolve, reject) => {
      const queue = this.queues.get(tokenKey) ?? [];
      this.queues.set(tokenKey, queue);
      const priority = opts.priority ?? "interactive";
      const since = Math.min(Date.now(), opts.since ?? Date.now());
      queue.push({ holdMs: opts.holdMs, priority, since, seq: this.seq++, deadline, operation: opts.operation, resolve, reject });
      if (queue.length === 1) void this.pump(tokenKey, queue);
      else this.wakers.get(tokenKey)?.();
    });
  }

  private limited(untilMs: number, operation?: string): SmartBillError {
    return new SmartBillError({ code: "rate_limited", until: new Date(untilMs), retryable: true, ...(operation ? { operation } : {}) });
  }

  private async pump(tokenKey: string, queue: Waiter[]): Promise<void> {
    while (queue.length) {
      let wait: Wait | undefined;
      try {
        const now = Date.now();
        const ordered = servingOrder(queue, now);
        queue.splice(0, queue.length, ...ordered);
        const batch = ordered.slice(0, MAX_BATCH).map((w) => ({ holdMs: w.holdMs, reserve: reserveOf(classNow(w, now), this.budget) }));
        const g = await grantSlots(this.db, tokenKey, batch, this.budget, this.windowMs);
        for (const slot of g.slots) queue.shift()!.resolve(slot);
        wait = g.wait;
      } catch (e) {
        for (const w of queue.splice(0)) w.reject(e);
        break;
      }
      if (!queue.length || !wait) continue;
      const now = Date.now();
      if (wait.blocked) this.knownBlocks.set(tokenKey, now + wait.untilMs);
      else this.knownBlocks.delete(tokenKey);
      // Whoever cannot get a slot before their deadline learns it now, with the time to come back.
      for (const w of queue.filter((x) => now >= x.deadline || now + wait.earliestMs > x.deadline)) {
        queue.splice(queue.indexOf(w), 1);
        w.reject(this.limited(now + wait.untilMs, w.operation));
      }
      if (!queue.length) break;
      const soonest = Math.min(...queue.map((w) => w.deadline));
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(1, Math.min(wait.waitMs, soonest - now)));
        this.wakers.set(tokenKey, () => {
          clearTimeout(timer);
          resolve();
        });
      });
      this.wakers.delete(tokenKey);
    }
    if (this.queues.get(tokenKey) === queue && !queue.length) this.queues.delete(tokenKey);
  }

  /** Narrows the call's window once we know when SmartBill had it (or that it never left). */
  async settle(slot: Slot, outcome: SettleOutcome): Promise<void> {
    let latestMs: number;
    if (!outcome.sent) latestMs = 0;
    else if (outcome.answeredAt !== undefined) latestMs = outcome.answeredAt - slot.grantedFrom + 1;
    else latestMs = performance.now() - slot.grantedFrom + this.policy.lateArrivalMs;
    await settleSlot(this.db, slot, latestMs, outcome.httpStatus);
  }

  /**
   * A call whose every byte went to the OS at `sentAt` (performance.now()) but is not answered yet: it
   * reaches SmartBill by sentAt + lateArrivalMs or never, the assumption the give-up case already rests
   * on. A slow or lost answer then stops holding its slot for the whole timeout.
   */
  async sent(slot: Slot, sentAt: number): Promise<void> {
    await narrowSlot(this.db, slot, sentAt - slot.grantedFrom + this.policy.lateArrivalMs);
  }

  /** Keeps every process away for `forMs` from now (database clock); a longer block already set wins. */
  async block(tokenKey: string, forMs: number, reason: "429" | "remaining_zero"): Promise<Date> {
    // Our clock, not the database's: callers compare it with Date.now().
    const until = Date.now() + (await blockToken(this.db, tokenKey, forMs, reason));
    this.knownBlocks.set(tokenKey, until);
    return new Date(until);
  }

  /** For tests and the bench: the current block, if any. */
  async blockedUntil(tokenKey: string): Promise<Date | undefined> {
    const left = await blockLeft(this.db, tokenKey);
    return left === undefined ? undefined : new Date(Date.now() + left);
  }
}
