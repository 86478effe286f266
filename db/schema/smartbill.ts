import { bigserial, boolean, index, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

// The SmartBill rate limiter's shared state (lib/smartbill/rate-limit.ts). Keyed by sha256 of
// baseUrl+username+token, never the token. Every time comes from the database clock.

/** One row per call sent (or about to be) with a token: a sliding-window log. */
export const smartbillRateCalls = pgTable(
  "smartbill_rate_calls",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    tokenKey: text("token_key").notNull(),
    // Earliest moment the call can reach SmartBill: the slot was granted then.
    reservedAt: timestamp("reserved_at", { withTimezone: true }).notNull(),
    // Latest moment it can reach SmartBill: pessimistic while in flight, narrowed once answered.
    latestAt: timestamp("latest_at", { withTimezone: true }).notNull(),
    settledAt: timestamp("settled_at", { withTimezone: true }),
    httpStatus: integer("http_status"),
  },
  (t) => [index("smartbill_rate_calls_key_latest_idx").on(t.tokenKey, t.latestAt)],
);

/** Per-token blocks: after a 429, or when SmartBill reports no calls left in its window. */
export const smartbillRateState = pgTable("smartbill_rate_state", {
  tokenKey: text("token_key").primaryKey(),
  blockedUntil: timestamp("blocked_until", { withTimezone: true }),
  blockReason: text("block_reason"),
  // After a 429 block only one probe call goes out until SmartBill answers it without a 429.
  recovering: boolean("recovering").notNull().default(false),
  rateLimitedCount: integer("rate_limited_count").notNull().default(0),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
