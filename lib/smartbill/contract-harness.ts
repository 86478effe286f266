import "server-only";
// Test set-up for the client's contract tests: a fresh database, the SmartBill sandbox over real HTTP
// on it, and a client whose log lines are captured. Only imported by *.test.ts files.
import crypto from "node:crypto";
import { createTestDb, type TestDb } from "../../test/db";
import { sandboxAdmin, type SandboxAdmin } from "../smartbill-sandbox/admin";
import { DEMO_SMARTBILL } from "../smartbill-sandbox/demo";
import { startSandboxServer, type SandboxServer } from "../smartbill-sandbox/server";
import { loadSmartBillConfig, type SmartBillConfigOverrides } from "./config";
import type { SmartBillCredentials } from "./credentials";
import { createSmartBill, type SmartBill } from "./index";
import { createSmartBillLogger } from "./log";
import { isSmartBillError, type SmartBillError } from "./errors";
import { expect } from "vitest";

export const DEMO = DEMO_SMARTBILL;
export const SCHOOL_CIF = DEMO_SMARTBILL.company.cif;
export const CLUB_CIF = DEMO_SMARTBILL.club.cif;

export interface Harness {
  db: TestDb;
  admin: SandboxAdmin;
  server: SandboxServer;
  sb: SmartBill;
  creds: SmartBillCredentials;
  /** Every line the client logged, already formatted. */
  lines: string[];
  tokenHash: string;
  /** The sandbox's log of API calls made with the demo token since the last mark(). */
  calls(): Promise<{ id: number; method: string; path: string; query: string; status: number; fault: string | null; at: Date }[]>;
  mark(): Promise<void>;
  /** A client with other settings on the same database and sandbox. */
  client(overrides: SmartBillConfigOverrides): SmartBill;
  close(): Promise<void>;
}

// Generous limits on both sides: these tests are about the protocol, the limiter has its own.
const BASE: SmartBillConfigOverrides = {
  connectTimeoutMs: 1_000,
  timeoutMs: 2_000,
  createTimeoutMs: 2_000,
  maxRetries: 2,
  retryBaseMs: 20,
  maxWaitMs: 2_000,
  logLevel: "debug",
  rateLimit: { limit: 100_000, windowMs: 10_000, blockMs: 600_000 },
};

export async function startHarness(overrides: SmartBillConfigOverrides = {}): Promise<Harness> {
  const db = await createTestDb();
  const admin = sandboxAdmin(db.sql);
  await admin.reset({ seedDemo: true });
  await admin.setRateLimit({ account: DEMO.email, limit: 100_000, windowMs: 10_000 });
  const server = await startSandboxServer({ databaseUrl: db.url });
  const lines: string[] = [];
  const client = (o: SmartBillConfigOverrides) => {
    const config = loadSmartBillConfig({}, { ...BASE, ...o, rateLimit: { ...BASE.rateLimit, ...o.rateLimit } });
    return createSmartBill({ db: db.db, config, logger: createSmartBillLogger("debug", (_l, line) => lines.push(line)) });
  };
  const tokenHash = crypto.createHash("sha256").update(DEMO.token).digest("hex");
  let afterId = 0;
  const read = () => admin.readCallLog({ tokenHash, afterId, limit: 10_000 });
  return {
    db,
    admin,
    server,
    sb: client(overrides),
    creds: { username: DEMO.email, token: DEMO.token, cif: SCHOOL_CIF, baseUrl: server.baseUrl },
    lines,
    tokenHash,
    calls: read,
    async mark() {
      afterId = (await read()).at(-1)?.id ?? afterId;
    },
    client,
    async close() {
      await server.close();
      await db.drop();
    },
  };
}

/** Awaits a call that must fail with a SmartBillError, and returns the error. */
export const failure = (p: Promise<unknown>): Promise<SmartBillError> =>
  p.then(
    () => expect.unreachable("expected a SmartBillError"),
    (e: unknown) => {
      expect(isSmartBillError(e)).toBe(true);
      return e as SmartBillError;
    },
  );
