import "server-only";
import { z } from "zod";

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

const int = (def: number, min = 0) => z.coerce.number().int().min(min).default(def);

const envSchema = z.object({
  SMARTBILL_BASE_URL: z.url().default(SMARTBILL_PRODUCTION_URL),
  SMARTBILL_CONNECT_TIMEOUT_MS: int(5_000, 1),
  SMARTBILL_TIMEOUT_MS: int(20_000, 1),
  SMARTBILL_CREATE_TIMEOUT_MS: int(60_000, 1),
  SMARTBILL_MAX_RETRIES: int(2),
  SMARTBILL_RETRY_BASE_MS: int(300, 1),
  SMARTBILL_MAX_WAIT_MS: int(60_000),
  SMARTBILL_LOG_LEVEL: z.enum(["silent", "error", "warn", "info", "debug"]).default("info"),
  SMARTBILL_RATE_LIMIT: int(30, 1),
  SMARTBILL_RATE_WINDOW_MS: int(10_000, 1),
  SMARTBILL_RATE_HEADROOM: z.coerce.number().min(0).max(0.9).default(0.05),
  SMARTBILL_RATE_MARGIN_MS: int(100),
  SMARTBILL_RATE_BLOCK_MS: int(600_000),
  SMARTBILL_RATE_SEND_SLACK_MS: int(250, 1),
  SMARTBILL_RATE_LATE_ARRIVAL_MS: int(2_000),
});

export type SmartBillConfigOverrides = Partial<Omit<SmartBillConfig, "rateLimit">> & {
  rateLimit?: Partial<RateLimitPolicy>;
};

/** Reads SMARTBILL_* from the environment (unset or empty means the default), then applies overrides. */
export function loadSmartBillConfig(
  env: Record<string, string | undefined> = process.env,
  overrides: SmartBillConfigOverrides = {},
): SmartBillConfig {
  const present = Object.fromEntries(
    Object.entries(env).filter(([k, v]) => k.startsWith("SMARTBILL_") && v !== undefined && v !== ""),
  );
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    // Names only: values might be secrets.
    const names = [...new Set(parsed.error.issues.map((i) => i.path.join(".")))].join(", ");
    throw new Error(`Invalid SmartBill configuration in the environment: ${names}. See docs/smartbill-client.md.`);
  }
  const e = parsed.data;
  const { rateLimit, ...rest } = overrides;
  return {
    baseUrl: e.SMARTBILL_BASE_URL.replace(/\/+$/, ""),
    connectTimeoutMs: e.SMARTBILL_CONNECT_TIMEOUT_MS,
    timeoutMs: e.SMARTBILL_TIMEOUT_MS,
    createTimeoutMs: e.SMARTBILL_CREATE_TIMEOUT_MS,
    maxRetries: e.SMARTBILL_MAX_RETRIES,
    retryBaseMs: e.SMARTBILL_RETRY_BASE_MS,
    maxWaitMs: e.SMARTBILL_MAX_WAIT_MS,
    logLevel: e.SMARTBILL_LOG_LEVEL,
    ...rest,
    rateLimit: {
      limit: e.SMARTBILL_RATE_LIMIT,
      windowMs: e.SMARTBILL_RATE_WINDOW_MS,
      headroom: e.SMARTBILL_RATE_HEADROOM,
      marginMs: e.SMARTBILL_RATE_MARGIN_MS,
      blockMs: e.SMARTBILL_RATE_BLOCK_MS,
      sendSlackMs: e.SMARTBILL_RATE_SEND_SLACK_MS,
      lateArrivalMs: e.SMARTBILL_RATE_LATE_ARRIVAL_MS,
      ...rateLimit,
    },
  };
}
