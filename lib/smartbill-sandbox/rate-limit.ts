// Per-token rate limit, kept in PostgreSQL so that several processes serving the sandbox count together.
// A per-token advisory lock serialises the read-decide-write of each call, which makes the count exact.
//
// [I] SmartBill documents "30 calls per 10 s per token, then blocked for 10 minutes" and the X-RateLimit-*
// headers, but not the window kind, the 429 body or Retry-After. Here:
//  - fixed (default): a window opens at the first call after the previous one expired and lasts windowMs;
//  - sliding: the calls of the last windowMs count;
//  - the first call over the limit starts a block of blockMs; every call during the block gets 429 and
//    does not extend it; after the block the count starts from zero.
import type { RateLimitConfig } from "./accounts";
import { num, type Q, type Sql } from "./db";
import { classicError } from "./responses";

export interface RateLimitDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Epoch ms at which the next window starts (or the block ends). */
  resetAt: number;
  retryAfterSec?: number;
  blockMs: number;
}

const LOCK_NAMESPACE = 0x5b0c;

export async function takeRateLimit(
  sql: Sql,
  tokenHash: string,
  cfg: RateLimitConfig,
  nowMs: number,
): Promise<RateLimitDecision> {
  return sql.begin(async (tx) => {
    await tx`select pg_advisory_xact_lock(${LOCK_NAMESPACE}, hashtext(${tokenHash}))`;
    const [st] = await tx<{ window_start_ms: string; count: number; blocked_until_ms: string }[]>`
      select window_start_ms, count, blocked_until_ms from smartbill_sandbox.rate_limits
      where token_hash = ${tokenHash}`;
    const blockedUntil = num(st?.blocked_until_ms);
    const base = { limit: cfg.limit, blockMs: cfg.blockMs };
    if (blockedUntil > nowMs) {
      const retryAfterSec = Math.ceil((blockedUntil - nowMs) / 1000);
      return { ...base, allowed: false, remaining: 0, resetAt: blockedUntil, retryAfterSec };
    }

    let used: number;
    let windowStart = num(st?.window_start_ms);
    if (cfg.mode === "sliding") {
      await tx`
        delete from smartbill_sandbox.rate_limit_hits
        where token_hash = ${tokenHash} and at_ms <= ${nowMs - cfg.windowMs}`;
      const [c] = await tx<{ n: number; oldest: string | null }[]>`
        select count(*)::int as n, min(at_ms) as oldest
        from smartbill_sandbox.rate_limit_hits where token_hash = ${tokenHash}`;
      used = c?.n ?? 0;
      windowStart = c?.oldest === null || c?.oldest === undefined ? nowMs : num(c.oldest);
    } else {
      const fresh = !st || nowMs >= windowStart + cfg.windowMs || blockedUntil > 0;
      if (fresh) windowStart = nowMs;
      used = fresh ? 0 : st.count;
    }

    if (used >= cfg.limit) {
      const until = nowMs + cfg.blockMs;
      await save(tx, tokenHash, nowMs, 0, until);
      await tx`delete from smartbill_sandbox.rate_limit_hits where token_hash = ${tokenHash}`;
      return { ...base, allowed: false, remaining: 0, resetAt: until, retryAfterSec: Math.ceil(cfg.blockMs / 1000) };
    }
    if (cfg.mode === "sliding") {
      await tx`insert into smartbill_sandbox.rate_limit_hits (token_hash, at_ms) values (${tokenHash}, ${nowMs})`;
    }
    await save(tx, tokenHash, windowStart, used + 1, 0);
    return { ...base, allowed: true, remaining: cfg.limit - used - 1, resetAt: windowStart + cfg.windowMs };
  });
}

async function save(
  tx: Q,
  tokenHash: string,
  windowStart: number,
  count: number,
  blockedUntil: number,
) {
  await tx`
    insert into smartbill_sandbox.rate_limits (token_hash, window_start_ms, count, blocked_until_ms)
    values (${tokenHash}, ${windowStart}, ${count}, ${blockedUntil})
    on conflict (token_hash) do update
      set window_start_ms = excluded.window_start_ms, count = excluded.count, blocked_until_ms = excluded.blocked_until_ms`;
}

export function rateLimitHeaders(d: RateLimitDecision): Record<string, string> {
  const h: Record<string, string> = {
    "X-RateLimit-Limit": String(d.limit),
    "X-RateLimit-Remaining": String(Math.max(0, d.remaining)),
    "X-RateLimit-Reset": String(Math.ceil(d.resetAt / 1000)),
  };
  if (d.retryAfterSec !== undefined) h["Retry-After"] = String(d.retryAfterSec);
  return h;
}

/** [I] V1-style body; the wording follows SmartBill's documented "blocat timp de 10 minute". */
export function rateLimitedResponse(d: RateLimitDecision): Response {
  return classicError(429, `Ati depasit limita de apeluri. Accesul este blocat timp de ${describeDuration(d.blockMs)}.`);
}

function describeDuration(ms: number): string {
  if (ms % 60_000 === 0) {
    const m = ms / 60_000;
    return m === 1 ? "1 minut" : `${m} minute`;
  }
  const s = Math.ceil(ms / 1000);
  return s === 1 ? "1 secunda" : `${s} secunde`;
}
