// Shared set-up for lib/billing tests: a database of their own, the SmartBill sandbox on HTTP (demo
// account, rate limit out of the way), a SmartBill client with quick retries, and organisations
// connected to it.
import crypto from "node:crypto";
import { expect } from "vitest";
import { organisations, smartbillConnections, users } from "../db/schema";
import { encryptSecret } from "../lib/crypto/secret-box";
import { AppError } from "../lib/errors";
import { createSmartBill, loadSmartBillConfig, type SmartBill } from "../lib/smartbill";
import { sandboxAdmin, type SandboxAdmin } from "../lib/smartbill-sandbox/admin";
import { DEMO_SMARTBILL } from "../lib/smartbill-sandbox/demo";
import { startSandboxServer, type SandboxServer } from "../lib/smartbill-sandbox/server";
import { createTestDb, type TestDb } from "./db";

export const DEMO = DEMO_SMARTBILL;

export interface TestOrg {
  id: string;
  user: string;
  /** The SmartBill connection's id; null when the organisation is not connected. */
  connection: string | null;
}

export interface BillingTestbed {
  t: TestDb;
  admin: SandboxAdmin;
  server: SandboxServer;
  sb: SmartBill;
  /** An organisation with an admin user, connected to the sandbox's demo account for `link.cif`. */
  makeOrg(name: string, link?: { cif: string; token?: string }): Promise<TestOrg>;
  close(): Promise<void>;
}

export async function startBillingTestbed(): Promise<BillingTestbed> {
  process.env.BURSAR_ENCRYPTION_KEY ??= crypto.randomBytes(32).toString("base64");
  const t = await createTestDb();
  const admin = sandboxAdmin(t.sql);
  await admin.reset({ seedDemo: true });
  await admin.setRateLimit({ account: DEMO.email, limit: 100_000, windowMs: 10_000 });
  const server = await startSandboxServer({ sql: t.sql });
  // Two retries for reads, as in production, but quick.
  const config = loadSmartBillConfig({}, { maxRetries: 2, retryBaseMs: 5, timeoutMs: 2_000, logLevel: "silent", rateLimit: { limit: 100_000 } });
  const sb = createSmartBill({ db: t.db, config });

  async function makeOrg(name: string, link?: { cif: string; token?: string }): Promise<TestOrg> {
    const [org] = await t.db.insert(organisations).values({ name }).returning();
    const [user] = await t.db
      .insert(users)
      .values({ email: `admin-${crypto.randomUUID()}@billing.test`, name: `${name} admin`, passwordHash: "x" })
      .returning();
    if (!link) return { id: org!.id, user: user!.id, connection: null };
    const token = link.token ?? DEMO.token;
    const [c] = await t.db
      .insert(smartbillConnections)
      .values({
        orgId: org!.id,
        username: DEMO.email,
        tokenCiphertext: encryptSecret(token, org!.id),
        tokenLast4: token.slice(-4),
        cif: link.cif,
        baseUrl: server.baseUrl,
        isSandbox: true,
      })
      .returning();
    return { id: org!.id, user: user!.id, connection: c!.id };
  }

  return {
    t,
    admin,
    server,
    sb,
    makeOrg,
    async close() {
      await server.close();
      await t.drop();
    },
  };
}

/** Awaits a promise that must reject with an AppError, and returns the error. */
export async function expectAppError(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return e as AppError;
  }
  return expect.unreachable("expected an AppError");
}
