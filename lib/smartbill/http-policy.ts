import "server-only";
import type { IncomingHttpHeaders } from "node:http";
import type { RateLimitPolicy } from "./config";

const HOUR_MS = 3_600_000;

function header(h: IncomingHttpHeaders, name: string): string | undefined {
  const v = h[name];
  return Array.isArray(v) ? v[0] : v;
}

/** X-RateLimit-Reset is documented as a Unix timestamp; accept seconds or milliseconds. */
function resetDelayMs(h: IncomingHttpHeaders, nowMs: number): number | undefined {
  const raw = Number(header(h, "x-ratelimit-reset"));
  if (!Number.isFinite(raw) || raw <= 0) return undefined;
  const at = raw > 1e12 ? raw : raw * 1000;
  return at - nowMs;
}

function retryAfterMs(h: IncomingHttpHeaders, nowMs: number): number | undefined {
  const raw = header(h, "retry-after");
  if (!raw) return undefined;
  if (/^\d+$/.test(raw.trim())) return Number(raw) * 1000;
  const at = Date.parse(raw);
  return Number.isNaN(at) ? undefined : at - nowMs;
}

export interface BlockDecision {
  forMs: number;
  reason: "429" | "remaining_zero";
}

/**
 * What an answer tells every process about the token:
 * - 429: stay away for the documented 10 minutes, or longer if SmartBill says so;
 * - X-RateLimit-Remaining: 0: someone (maybe outside Bursar) used the window up; wait for its reset.
 */
export function blockAfterResponse(
  status: number,
  h: IncomingHttpHeaders,
  policy: RateLimitPolicy,
  nowMs: number,
): BlockDecision | undefined {
  const reset = resetDelayMs(h, nowMs);
  if (status === 429) {
    const hinted = Math.max(retryAfterMs(h, nowMs) ?? 0, reset ?? 0);
    return { forMs: Math.max(policy.blockMs, Math.min(hinted, HOUR_MS)), reason: "429" };
  }
  const remaining = header(h, "x-ratelimit-remaining");
  if (remaining !== undefined && remaining.trim() === "0") {
    // A skewed clock must not turn this into a long block: a window never lasts longer than windowMs.
    const windowMs = policy.windowMs + policy.marginMs;
    const wait = reset === undefined ? windowMs : Math.min(Math.max(reset, 0) + policy.marginMs, windowMs);
    return { forMs: wait, reason: "remaining_zero" };
  }
  return undefined;
}

/** Full jitter between half and all of base·2^(n−1), capped at 5 s. */
export function retryDelayMs(retry: number, baseMs: number): number {
  const ceiling = Math.min(5_000, baseMs * 2 ** (retry - 1));
  return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
}
