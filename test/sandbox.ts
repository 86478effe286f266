// The SmartBill sandbox for tests: served over real HTTP (its own port) on the test's database, with
// the demo accounts, its control API, and a SmartBill client pointed at it.
//   const sandbox = await startSandbox();          // on a database of its own (sandbox.db), dropped by close()
//   const sandbox = await startSandbox({ db: t }); // on the test's database (t from createTestDb())
//   await sandbox.sb.series.list(sandbox.creds);                 // the real client, over HTTP
//   await sandbox.admin.addFault({ account: DEMO.email, ... });  // "in SmartBill", in-process
//   await sandbox.control("add-fault", { ... });                 // the same over the control API
//   afterAll(() => sandbox.close());
import crypto from "node:crypto";
import { loadSmartBillConfig, type SmartBillConfigOverrides } from "../lib/smartbill/config";
import type { SmartBillCredentials } from "../lib/smartbill/credentials";
import { createSmartBill, type SmartBill } from "../lib/smartbill";
import { createSmartBillLogger } from "../lib/smartbill/log";
import { sandboxAdmin, type SandboxAdmin } from "../lib/smartbill-sandbox/admin";
import { basicHeader } from "../lib/smartbill-sandbox/auth";
import { CONTROL_KEY_HEADER } from "../lib/smartbill-sandbox/control";
import { DEMO_SMARTBILL } from "../lib/smartbill-sandbox/demo";
import { startSandboxServer, type SandboxServer } from "../lib/smartbill-sandbox/server";
import { createTestDb, type TestDb } from "./db";

/** The sandbox's demo account: its school company (VAT payer) and club (not a VAT payer). */
export const DEMO = DEMO_SMARTBILL;
export const SCHOOL_CIF = DEMO.company.cif;
export const CLUB_CIF = DEMO.club.cif;
export const SANDBOX_CONTROL_KEY = "test-control-key";
export const DEMO_AUTH = basicHeader(DEMO.email, DEMO.token);

export interface SandboxOptions {
  /** The test's database; without it the sandbox creates one (and close() drops it). */
  db?: TestDb;
  /** A clock the test moves (`sandbox.clock.advance(ms)`) instead of the real one. */
  fakeClock?: boolean;
  /** "lifted" (default): the demo account's rate limit is out of the way; "smartbill": as SmartBill's. */
  rateLimit?: "lifted" | "smartbill";
  /** Settings for `sandbox.sb` (see `sandbox.client()` for the defaults). */
  client?: SmartBillConfigOverrides;
}

export interface CallInit {
  /** An Authorization header; default the demo account's, null for none. */
  auth?: string | null;
  json?: unknown;
  body?: string;
  headers?: Record<string, string>;
}

export interface CallLogEntry {
  id: number;
  method: string;
  path: string;
  query: string;
  status: number;
  fault: string | null;
  at: Date;
}

export interface Sandbox {
  /** The database the sandbox (schema smartbill_sandbox) and the client's rate-limit tables live in. */
  db: TestDb;
  server: SandboxServer;
  /** What a SmartBill client or a connection row is configured with (origin + "/SBORO/api"). */
  baseUrl: string;
  /** In-process control: accounts, companies, series, faults, invoices "in SmartBill". */
  admin: SandboxAdmin;
  /** POST to the control API over HTTP; returns the status and the parsed body. */
  control(op: string, body?: unknown, opts?: { key?: string | null; method?: string }): Promise<{ status: number; body: Record<string, unknown> }>;
  /** A raw HTTP call to the SmartBill API (path after /SBORO/api, or a full URL). */
  call(method: string, path: string, init?: CallInit): Promise<Response>;
  /** The demo account and its school company, at this sandbox. */
  creds: SmartBillCredentials;
  /** A SmartBill client on the test database whose log lines go to `lines`. */
  sb: SmartBill;
  /** Another client with other settings on the same database and sandbox. */
  client(overrides?: SmartBillConfigOverrides): SmartBill;
  /** Every line the clients logged, already formatted. */
  lines: string[];
  /** The sandbox's log of API calls made with the demo token since the last mark(). */
  calls(): Promise<CallLogEntry[]>;
  mark(): Promise<void>;
  clock: { now(): Date; advance(ms: number): void; set(ms: number): void };
  close(): Promise<void>;
}

// Generous limits on both sides: tests are about behaviour, the limiter has its own tests.
const CLIENT_DEFAULTS: SmartBillConfigOverrides = {
  connectTimeoutMs: 1_000,
  timeoutMs: 2_000,
  createTimeoutMs: 2_000,
  maxRetries: 2,
  retryBaseMs: 20,
  maxWaitMs: 2_000,
  logLevel: "debug",
  rateLimit: { limit: 100_000, windowMs: 10_000, blockMs: 600_000 },
};

/** Closing it closes the server, and drops the database if the sandbox created it. */
export async function startSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
  const t = opts.db ?? (await createTestDb());
  let time = Date.UTC(2026, 5, 15, 9, 0, 0);
  const clock = {
    now: () => (opts.fakeClock ? new Date(time) : new Date()),
    advance: (ms: number) => void (time += ms),
    set: (ms: number) => void (time = ms),
  };
  const admin = sandboxAdmin(t.sql, { now: clock.now });
  await admin.reset({ seedDemo: true });
  if ((opts.rateLimit ?? "lifted") === "lifted") await admin.setRateLimit({ account: DEMO.email, limit: 100_000, windowMs: 10_000 });
  // Its own pool: a test holding the test database's connections never starves the server.
  const server = await startSandboxServer({ databaseUrl: t.url, controlKey: SANDBOX_CONTROL_KEY, now: clock.now });

  const lines: string[] = [];
  const client = (o: SmartBillConfigOverrides = {}) => {
    const config = loadSmartBillConfig({}, { ...CLIENT_DEFAULTS, ...o, rateLimit: { ...CLIENT_DEFAULTS.rateLimit, ...o.rateLimit } });
    return createSmartBill({ db: t.db, config, logger: createSmartBillLogger("debug", (_level, line) => lines.push(line)) });
  };
  const tokenHash = crypto.createHash("sha256").update(DEMO.token).digest("hex");
  let afterId = 0;
  const calls = () => admin.readCallLog({ tokenHash, afterId, limit: 10_000 });

  return {
    db: t,
    server,
    baseUrl: server.baseUrl,
    admin,
    async control(op, body = {}, { key = SANDBOX_CONTROL_KEY, method = "POST" } = {}) {
      const headers: Record<string, string> = { "content-type": "application/json" };
      if (key !== null) headers[CONTROL_KEY_HEADER] = key;
      const res = await fetch(`${server.origin}/__control/${op}`, { method, headers, body: method === "GET" ? undefined : JSON.stringify(body) });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    },
    call(method, path, init = {}) {
      const headers: Record<string, string> = { accept: "application/json", ...init.headers };
      const auth = init.auth === undefined ? DEMO_AUTH : init.auth;
      if (auth) headers.authorization = auth;
      let body = init.body;
      if (init.json !== undefined) {
        body = JSON.stringify(init.json);
        headers["content-type"] ??= "application/json";
      }
      return fetch(path.startsWith("http") ? path : `${server.baseUrl}${path}`, { method, headers, body });
    },
    creds: { username: DEMO.email, token: DEMO.token, cif: SCHOOL_CIF, baseUrl: server.baseUrl },
    sb: client(opts.client),
    client,
    lines,
    calls,
    async mark() {
      afterId = (await calls()).at(-1)?.id ?? afterId;
    },
    clock,
    async close() {
      await server.close();
      if (!opts.db) await t.drop();
    },
  };
}

/** A valid invoice request body for the sandbox's own API tests (school company, series BRS). */
export function invoiceBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    companyVatCode: SCHOOL_CIF,
    seriesName: "BRS",
    issueDate: "2026-06-15",
    client: { name: "Ion Popescu", vatCode: "0000000000000", country: "Romania", email: "ion@example.com" },
    products: [{ name: "Taxa scolara iunie", quantity: 1, price: 100, measuringUnitName: "buc", taxName: "Normala", taxPercentage: 21 }],
    ...overrides,
  };
}
