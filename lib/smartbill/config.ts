import "server-only";
import { env } from "../env";

export const SMARTBILL_PRODUCTION_URL = "https://ws.smartbill.ro/SBORO/api";

/**
 * The shared per-token budget. SmartBill allows 30 calls per 10 s per token and blocks the token for
 * 10 minutes on excess; see docs/smartbill-client.md for why these numbers are safe.
 */
export interface RateLimitPolicy {
  /** SmartBill's published calls per window. */
  limit: number;
  windowMs: number;
  /** Fraction of `limit` kept in reserve (for other users of the token, rounding on SmartBill's side). */
  headroom: number;
  /** Added to the window so a boundary or coarse server clock cannot make two windows overlap. */
  marginMs: number;
  /** How long everyone stays away after a 429, unless SmartBill asks for longer. */
  blockMs: number;
  /** A granted slot not put on the wire within this is given up and a new one requested. */
  sendSlackMs: number;
  /** After we give up on a request it may still reach SmartBill within this. */
  lateArrivalMs: number;
}

export function budgetOf(p: RateLimitPolicy): number {
  return Math.max(1, Math.floor(p.limit * (1 - p.headroom) + 1e-9));
}

export interface SmartBillConfig {
  baseUrl: string;
  connectTimeoutMs: number;
  /** Whole-request timeout for reads, PDFs, cancel/restore. */
  timeoutMs: number;
  /** Creates wait longer: SmartBill may be slow to allocate a number, and giving up early makes it ambiguous. */
  createTimeoutMs: number;
  /** Extra attempts for reads and idempotent PUTs; creates and deletes get none. */
  maxRetries: number;
  retryBaseMs: number;
  /** Default longest wait for a rate-limit slot before failing with `rate_limited`. */
  maxWaitMs: number;
  logLevel: "silent" | "error" | "warn" | "info" | "debug";
  rateLimit: RateLimitPolicy;
}

/**
 * SmartBill's published limit and the margins the limiter's proof rests on (docs/smartbill-client.md):
 * facts about SmartBill, not deployment choices, so constants. Tests pass their own policy explicitly.
 */
export const SMARTBILL_RATE_LIMIT: RateLimitPolicy = {
  limit: 30,
  windowMs: 10_000,
  headroom: 0.05,
  marginMs: 100,
  blockMs: 600_000,
  sendSlackMs: 250,
  lateArrivalMs: 2_000,
};

export type SmartBillConfigOverrides = Partial<Omit<SmartBillConfig, "rateLimit">> & {
  rateLimit?: Partial<RateLimitPolicy>;
};

/** Reads SMARTBILL_* through lib/env.ts (unset or empty means the default), then applies overrides. */
export function loadSmartBillConfig(
  source?: Record<string, string | undefined>,
  overrides: SmartBillConfigOverrides = {},
): SmartBillConfig {
  const e = env(source);
  const { rateLimit, ...rest } = overrides;
  return {
    baseUrl: (e.SMARTBILL_BASE_URL ?? SMARTBILL_PRODUCTION_URL).replace(/\/+$/, ""),
    connectTimeoutMs: e.SMARTBILL_CONNECT_TIMEOUT_MS,
    timeoutMs: e.SMARTBILL_TIMEOUT_MS,
    createTimeoutMs: e.SMARTBILL_CREATE_TIMEOUT_MS,
    maxRetries: e.SMARTBILL_MAX_RETRIES,
    retryBaseMs: e.SMARTBILL_RETRY_BASE_MS,
    maxWaitMs: e.SMARTBILL_MAX_WAIT_MS,
    logLevel: e.SMARTBILL_LOG_LEVEL,
    ...rest,
    rateLimit: { ...SMARTBILL_RATE_LIMIT, ...rateLimit },
  };
}
