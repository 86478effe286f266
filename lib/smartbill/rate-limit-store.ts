import "server-only";
import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import type { Database } from "../../db/client";

// The limiter's PostgreSQL side: one short transaction per batch of slots, under a per-token advisory
// lock, timed by the database clock. The decision itself is the pure planGrant() below.

export interface Slot {
  readonly id: string;
  readonly tokenKey: string;
  /** performance.now() once the granting transaction held the lock; the slot's database time is not earlier. */
  readonly grantedFrom: number;
}

export interface CallRow {
  reservedMs: number;
  latestMs: number;
  pending: boolean;
}

/** Not granted (or not all): look again after waitMs; no slot frees before earliestMs, one surely by untilMs. */
export interface Wait {
  waitMs: number;
  earliestMs: number;
  untilMs: number;
  blocked?: boolean;
}

/** One waiter's ask: how long its slot may be held, and how many of the window's slots it must leave free. */
export interface Hold {
  holdMs: number;
  reserve: number;
}

// A waiter whose next free slot depends on a call still in flight looks again this often.
const PENDING_POLL_MS = 25;
const LOCK_NS = 0x5b11;

export function planGrant(p: {
  now: number;
  blockedMs: number | null;
  recovering: boolean;
  /** Calls whose latest arrival is inside the window, sorted by latestMs. */
  rows: CallRow[];
  /** In serving order; reserves never decrease along it. */
  holds: Hold[];
  budget: number;
  windowMs: number;
}): { grant: number; wait?: Wait } {
  const { now, rows, budget, windowMs } = p;
  if (p.blockedMs !== null && p.blockedMs > now) {
    const left = p.blockedMs - now;
    return { grant: 0, wait: { waitMs: left, earliestMs: left, untilMs: left, blocked: true } };
  }
  // After a 429 block, one probe at a time until SmartBill answers without a 429.
  const inFlight = rows.filter((r) => r.pending && r.latestMs > now);
  if (p.recovering && inFlight.length) {
    const until = Math.max(...inFlight.map((r) => r.latestMs)) - now;
    return { grant: 0, wait: { waitMs: PENDING_POLL_MS * 4, earliestMs: 1, untilMs: until } };
  }
  const cap = Math.min(p.holds.length, p.recovering ? 1 : Infinity);
  let grant = 0;
  while (grant < cap && rows.length + grant < budget - p.holds[grant]!.reserve) grant++;
  if (grant === p.holds.length) return { grant };
  if (p.recovering && grant === 1) {
    return { grant, wait: { waitMs: PENDING_POLL_MS * 4, earliestMs: 1, untilMs: p.holds[0]!.holdMs } };
  }
  // The first waiter left out may take a slot once fewer than (budget − its reserve) calls are in the
  // window: when that many-th newest leaves. A call in flight may settle and leave sooner, but never
  // before its reservation + window.
  const room = budget - p.holds[grant]!.reserve;
  const granted = p.holds.slice(0, grant).map((h) => ({ reservedMs: now, latestMs: now + h.holdMs, pending: true }));
  const all = [...rows, ...granted].sort((a, b) => a.latestMs - b.latestMs);
  const blocking = all.slice(all.length - room);
  const untilMs = blocking[0]!.latestMs + windowMs - now;
  const earliestMs = Math.min(...blocking.map((r) => (r.pending ? r.reservedMs : r.latestMs))) + windowMs - now;
  // Nothing can free before earliestMs; between it and untilMs only a call settling can free a slot.
  const waitMs = earliestMs >= untilMs ? untilMs : Math.max(earliestMs, Math.min(PENDING_POLL_MS, untilMs));
  return { grant, wait: { waitMs: Math.max(1, Math.ceil(waitMs)), earliestMs: Math.max(0, earliestMs), untilMs: Math.max(1, untilMs) } };
}

const secs = (ms: number) => sql`make_interval(secs => ${ms / 1000})`;

/** Grants up to holds.length slots for one token (holds in serving order), in one transaction. */
export function grantSlots(
  db: Database,
  tokenKey: string,
  holds: Hold[],
  budget: number,
  windowMs: number,
): Promise<{ slots: Slot[]; wait?: Wait }> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${LOCK_NS}, hashtext(${tokenKey}))`);
    // Every later statement runs after this instant; taken after the lock so queueing for it is not counted.
    const grantedFrom = performance.now();
    const [st] = (await tx.execute(sql`
      select extract(epoch from clock_timestamp()) * 1000 as now_ms,
             extract(epoch from s.blocked_until) * 1000 as blocked_ms,
             coalesce(s.recovering, false) as recovering,
             coalesce((select json_agg(json_build_array(extract(epoch from c.reserved_at) * 1000,
                                                        extract(epoch from c.latest_at) * 1000,
                                                        c.settled_at is null) order by c.latest_at)
                       from smartbill_rate_calls c
                       where c.token_key = ${tokenKey} and c.latest_at > clock_timestamp() - ${secs(windowMs)}), '[]') as rows
      from (select 1) one left join smartbill_rate_state s on s.token_key = ${tokenKey}`)) as unknown as {
      now_ms: number;
      blocked_ms: number | null;
      recovering: boolean;
      rows: [number, number, boolean][];
    }[];
    const rows = st!.rows.map(([reservedMs, latestMs, pending]) => ({ reservedMs, latestMs, pending }));
    const now = Number(st!.now_ms);
    const blockedMs = st!.blocked_ms === null ? null : Number(st!.blocked_ms);
    const plan = planGrant({ now, blockedMs, recovering: st!.recovering, rows, holds, budget, windowMs });
    if (!plan.grant) return { slots: [], ...(plan.wait ? { wait: plan.wait } : {}) };
    const values = holds.slice(0, plan.grant).map((h) => sql`(${tokenKey}, clock_timestamp(), clock_timestamp() + ${secs(h.holdMs)})`);
    const ids = (await tx.execute(sql`
      with old as (
        delete from smartbill_rate_calls
        where token_key = ${tokenKey} and latest_at < clock_timestamp() - ${secs(windowMs + 60_000)})
      insert into smartbill_rate_calls (token_key, reserved_at, latest_at) values ${sql.join(values, sql`, `)}
      returning id::text as id`)) as unknown as { id: string }[];
    return { slots: ids.map(({ id }) => ({ id, tokenKey, grantedFrom })), ...(plan.wait ? { wait: plan.wait } : {}) };
  });
}

/** Narrows a call's latest arrival while it is still unanswered (it stays pending). */
export async function narrowSlot(db: Database, slot: Slot, latestMs: number): Promise<void> {
  await db.execute(sql`
    update smartbill_rate_calls set latest_at = least(latest_at, reserved_at + ${secs(Math.max(0, latestMs))})
    where id = ${slot.id}::bigint and settled_at is null`);
}

/** Narrows a call's latest arrival; a non-429 answer also ends the post-block probing. */
export async function settleSlot(db: Database, slot: Slot, latestMs: number, httpStatus: number | undefined): Promise<void> {
  const cleared = httpStatus !== undefined && httpStatus !== 429;
  await db.execute(sql`
    with u as (
      update smartbill_rate_calls
      set latest_at = least(latest_at, reserved_at + ${secs(Math.max(0, latestMs))}),
          settled_at = clock_timestamp(), http_status = ${httpStatus ?? null}
      where id = ${slot.id}::bigint
      returning token_key)
    update smartbill_rate_state s set recovering = false, updated_at = clock_timestamp()
    from u where s.token_key = u.token_key and s.recovering and ${cleared}`);
}

/** Sets (or extends) a token's block; returns how long it lasts from now. */
export async function blockToken(db: Database, tokenKey: string, forMs: number, reason: "429" | "remaining_zero"): Promise<number> {
  const is429 = reason === "429";
  // Under the grant rounds' lock: a round either committed before the block began or reads it, so no
  // slot is ever granted (reserved) inside a block, however slowly either transaction runs.
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${LOCK_NS}, hashtext(${tokenKey}))`);
    const [row] = (await tx.execute(sql`
      insert into smartbill_rate_state (token_key, blocked_until, block_reason, recovering, rate_limited_count, updated_at)
      values (${tokenKey}, clock_timestamp() + ${secs(forMs)}, ${reason}, ${is429}, ${is429 ? 1 : 0}, clock_timestamp())
      on conflict (token_key) do update set
        blocked_until = greatest(smartbill_rate_state.blocked_until, excluded.blocked_until),
        block_reason = case when excluded.blocked_until >= coalesce(smartbill_rate_state.blocked_until, '-infinity')
                            then excluded.block_reason else smartbill_rate_state.block_reason end,
        recovering = smartbill_rate_state.recovering or excluded.recovering,
        rate_limited_count = smartbill_rate_state.rate_limited_count + excluded.rate_limited_count,
        updated_at = clock_timestamp()
      returning extract(epoch from blocked_until - clock_timestamp()) * 1000 as left_ms`)) as unknown as { left_ms: number }[];
    return Math.max(0, Number(row!.left_ms));
  });
}

export async function blockLeft(db: Database, tokenKey: string): Promise<number | undefined> {
  const [row] = (await db.execute(sql`
    select extract(epoch from blocked_until - clock_timestamp()) * 1000 as left_ms from smartbill_rate_state
    where token_key = ${tokenKey} and blocked_until > clock_timestamp()`)) as unknown as { left_ms: number }[];
  return row ? Number(row.left_ms) : undefined;
}
