// Shared set-up for the sandbox's own tests: a fresh database with the demo, served over real HTTP.
import { createTestDb, type TestDb } from "../../test/db";
import { sandboxAdmin, type SandboxAdmin } from "./admin";
import { basicHeader } from "./auth";
import { DEMO_SMARTBILL } from "./demo";
import { startSandboxServer, type SandboxServer } from "./server";

export const CONTROL_KEY = "test-control-key";
export const DEMO_AUTH = basicHeader(DEMO_SMARTBILL.email, DEMO_SMARTBILL.token);
export const SCHOOL = DEMO_SMARTBILL.company.cif;
export const CLUB = DEMO_SMARTBILL.club.cif;

export interface TestSandbox {
  db: TestDb;
  admin: SandboxAdmin;
  server: SandboxServer;
  call(method: string, path: string, init?: CallInit): Promise<Response>;
  /** A fake clock: tests move it with `clock.advance(ms)`. */
  clock: { now(): Date; advance(ms: number): void; set(ms: number): void };
  close(): Promise<void>;
}

export interface CallInit {
  auth?: string | null;
  json?: unknown;
  body?: string;
  headers?: Record<string, string>;
}

export async function startTestSandbox(opts: { fakeClock?: boolean } = {}): Promise<TestSandbox> {
  const db = await createTestDb();
  let t = Date.UTC(2026, 5, 15, 9, 0, 0);
  const clock = {
    now: () => (opts.fakeClock ? new Date(t) : new Date()),
    advance: (ms: number) => void (t += ms),
    set: (ms: number) => void (t = ms),
  };
  const admin = sandboxAdmin(db.sql, { now: clock.now });
  await admin.reset({ seedDemo: true });
  const server = await startSandboxServer({ sql: db.sql, controlKey: CONTROL_KEY, now: clock.now });
  const call = (method: string, path: string, init: CallInit = {}) => {
    const headers: Record<string, string> = { accept: "application/json", ...init.headers };
    const auth = init.auth === undefined ? DEMO_AUTH : init.auth;
    if (auth) headers.authorization = auth;
    let body = init.body;
    if (init.json !== undefined) {
      body = JSON.stringify(init.json);
      headers["content-type"] ??= "application/json";
    }
    const url = path.startsWith("http") ? path : `${server.baseUrl}${path}`;
    return fetch(url, { method, headers, body });
  };
  return {
    db,
    admin,
    server,
    call,
    clock,
    async close() {
      await server.close();
      await db.drop();
    },
  };
}

export function invoiceBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    companyVatCode: SCHOOL,
    seriesName: "BRS",
    issueDate: "2026-06-15",
    client: { name: "Ion Popescu", vatCode: "0000000000000", country: "Romania", email: "ion@example.com" },
    products: [{ name: "Taxa scolara iunie", quantity: 1, price: 100, measuringUnitName: "buc", taxName: "Normala", taxPercentage: 21 }],
    ...overrides,
  };
}
