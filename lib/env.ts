import "server-only";
import { z } from "zod";

// The one reader of process.env for lib/ and app/ (db/, scripts and next.config read their own: they run
// before or outside the app). Unset and empty mean the same: the default. Read on every call, not cached:
// tests and scripts set variables after this module is loaded, and a parse is microseconds.
// scripts/with-db.ts fills in NEXTAUTH_SECRET and BURSAR_ENCRYPTION_KEY for the embedded default.

const int = (def: number, min = 0) => z.coerce.number().int().min(min).default(def);
const LOG_LEVELS = ["silent", "error", "warn", "info", "debug"] as const;

/** SmartBill client settings that may differ per deployment (the rate limit is a constant: lib/smartbill/config.ts). */
const smartBillSchema = z.object({
  SMARTBILL_BASE_URL: z.url().optional(),
  SMARTBILL_CONNECT_TIMEOUT_MS: int(5_000, 1),
  SMARTBILL_TIMEOUT_MS: int(20_000, 1),
  SMARTBILL_CREATE_TIMEOUT_MS: int(60_000, 1),
  SMARTBILL_MAX_RETRIES: int(2),
  SMARTBILL_RETRY_BASE_MS: int(300, 1),
  SMARTBILL_MAX_WAIT_MS: int(60_000),
  SMARTBILL_LOG_LEVEL: z.enum(LOG_LEVELS).default("info"),
});

const schema = smartBillSchema.extend({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().optional(),
  NEXTAUTH_URL: z.url().optional(),
  /** next-auth's signing secret; also keys the known-device cookie (lib/auth/device-cookie.ts). */
  NEXTAUTH_SECRET: z.string().optional(),
  /** 32 bytes, base64; checked where it is used (lib/crypto/secret-box.ts) so the message can say how. */
  BURSAR_ENCRYPTION_KEY: z.string().optional(),
  /** The demo school switch; read by lib/demo-mode.ts (shared with the launcher, so it takes the variables). */
  BURSAR_DEMO: z.string().optional(),
  /** How the server reaches itself (the built-in sandbox is called over HTTP like the real SmartBill). */
  BURSAR_INTERNAL_URL: z.url().optional(),
  PORT: z.coerce.number().int().min(0).max(65_535).optional(),
  /** The built-in SmartBill sandbox switch; read by lib/demo-mode.ts. */
  SMARTBILL_SANDBOX: z.string().optional(),
  SMARTBILL_SANDBOX_URL: z.url().optional(),
  SMARTBILL_SANDBOX_CONTROL_KEY: z.string().optional(),
  /** The secret for the sandbox's provisioning endpoint; derived from BURSAR_ENCRYPTION_KEY when unset. */
  SMARTBILL_SANDBOX_PROVISION_KEY: z.string().optional(),
  /** lib/jobs (docs/invoicing.md "Queue and workers"): "off" keeps an app instance from working the queues. */
  BURSAR_WORKERS: z.string().optional(),
  BURSAR_DRAIN_WORKERS: int(4, 1),
  BURSAR_RECONCILE_WORKERS: int(2, 1),
  BURSAR_SWEEP_INTERVAL_MS: int(5_000, 100),
  BURSAR_JOBS_LOG: z.enum(["info", "debug"]).default("info"),
  /** Issuing timings (defaults in lib/invoicing/deps.ts); tests and benches shorten them. */
  BURSAR_DRAIN_BUDGET_MS: z.coerce.number().int().min(0).optional(),
  BURSAR_SLOT_WAIT_MS: z.coerce.number().int().min(0).optional(),
  BURSAR_LEASE_MARGIN_MS: z.coerce.number().int().min(0).optional(),
  BURSAR_RECONCILE_GRACE_MS: z.coerce.number().int().min(0).optional(),
  /** Sign-up flood limits (lib/team/flood-limits.ts, docs/security.md); the e2e suite raises them. */
  BURSAR_SIGN_UPS_PER_CLIENT_PER_HOUR: int(5, 1),
  BURSAR_SIGN_UPS_PER_HOUR: int(50, 1),
});

export type Env = z.infer<typeof schema>;

/** The validated environment; `source` is for tests and scripts that pass their own variables. */
export function env(source: Record<string, string | undefined> = process.env): Env {
  const present = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    // Names only: values might be secrets.
    const names = [...new Set(parsed.error.issues.map((i) => i.path.join(".")))].join(", ");
    throw new Error(`Invalid environment: ${names}. See .env.example and docs/smartbill-client.md.`);
  }
  return parsed.data;
}
