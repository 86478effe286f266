// "Use the sandbox" end to end on real parts: the sandbox over HTTP (provisioning included), the app's
// database, the SmartBill client. Two schools get two accounts; a token change stays on the sandbox.
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../test/db";
import { createSchool } from "../test/school";
import { sandboxAdmin } from "./smartbill-sandbox/admin";
import { basicHeader } from "./smartbill-sandbox/auth";
import { startSandboxServer, type SandboxServer } from "./smartbill-sandbox/server";
import { isValidCif } from "./validation/ro";

let t: TestDb;
let sandbox: SandboxServer;
// Stands in for the real SmartBill: it must never be called in these tests.
let real: http.Server;
const realCalls: string[] = [];
const saved = { ...process.env };

beforeAll(async () => {
  t = await createTestDb();
  process.env.DATABASE_URL = t.url;
  process.env.BURSAR_ENCRYPTION_KEY = crypto.randomBytes(32).toString("base64");
  process.env.SMARTBILL_RETRY_BASE_MS = "5";
  process.env.SMARTBILL_LOG_LEVEL = "silent";
  delete process.env.SMARTBILL_SANDBOX;
  real = http.createServer((req, res) => {
    realCalls.push(`${req.method} ${req.url} ${req.headers.authorization ?? ""}`);
    res.writeHead(401, { "content-type": "application/json" }).end("{}");
  });
  await new Promise<void>((r) => real.listen(0, "127.0.0.1", r));
  process.env.SMARTBILL_BASE_URL = `http://127.0.0.1:${(real.address() as AddressInfo).port}/SBORO/api`;
  const { sandboxProvisionKey } = await import("./sandbox");
  sandbox = await startSandboxServer({ sql: t.sql, provisionKey: sandboxProvisionKey() });
  process.env.SMARTBILL_SANDBOX_URL = sandbox.baseUrl;
});

afterAll(async () => {
  const { getDbHandle } = await import("../db");
  await getDbHandle().close();
  await sandbox.close();
  await new Promise((r) => real.close(r));
  await t.drop();
  process.env = saved;
});

async function school(name: string) {
  const created = await createSchool(t.db, { name });
  return { orgId: created.id, actorUserId: created.admin.userId, name };
}

async function connection(orgId: string) {
  const { credentialsOf } = await import("./smartbill/school-credentials");
  const { getActiveConnection } = await import("../db/queries/smartbill-connections");
  const c = (await getActiveConnection(t.db, orgId))!;
  return { row: c, creds: credentialsOf(c) };
}

describe("Use the sandbox", () => {
  it("gives each school its own sandbox account, company, series, VAT levels and rate budget", async () => {
    const { connectSmartBill } = await import("./billing/connect");
    const a = await school("Școala Alfa");
    const b = await school("Școala Beta");
    const ra = await connectSmartBill(t.db, { ...a, sandbox: true, schoolName: a.name });
    const rb = await connectSmartBill(t.db, { ...b, sandbox: true, schoolName: b.name });
    expect(ra).toMatchObject({ isSandbox: true, vatPayer: true, taxesCount: 4 });
    expect(rb).toMatchObject({ isSandbox: true, vatPayer: true, taxesCount: 4 });
    const [ca, cb] = [await connection(a.orgId), await connection(b.orgId)];
    expect(ca.creds.username).not.toBe(cb.creds.username);
    expect(ca.creds.cif).not.toBe(cb.creds.cif);
    expect(ca.creds.token).not.toBe(cb.creds.token);
    for (const c of [ca, cb]) {
      expect(isValidCif(c.creds.cif), c.creds.cif).toBe(true);
      expect(c.creds.baseUrl).toBe(sandbox.baseUrl);
      expect(c.row.tokenCiphertext).not.toContain(c.creds.token);
    }

    const admin = sandboxAdmin(t.sql);
    const seriesOf = async (c: typeof ca) =>
      (await (await fetch(`${sandbox.baseUrl}/series?cif=${c.creds.cif}&type=f`, { headers: { authorization: basicHeader(c.creds.username, c.creds.token) } })).json()) as {
        list: { name: string }[];
      };
    expect((await seriesOf(ca)).list.map((s) => s.name).sort()).toEqual(["BRS", "BRSC"]);

    // A draft of school A is not school B's, and B cannot reach A's company.
    const draft = {
      companyVatCode: ca.creds.cif,
      seriesName: "BRS",
      isDraft: true,
      client: { name: "Ion Popescu", country: "Romania" },
      products: [{ name: "Curs", quantity: 1, price: 100, measuringUnitName: "buc", taxName: "Normala", taxPercentage: 21 }],
    };
    const post = (c: typeof ca, body: unknown) =>
      fetch(`${sandbox.baseUrl}/invoice/v2`, {
        method: "POST",
        headers: { authorization: basicHeader(c.creds.username, c.creds.token), "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    expect((await post(ca, draft)).status).toBe(200);
    expect(await admin.listInvoices({ cif: ca.creds.cif })).toHaveLength(1);
    expect(await admin.listInvoices({ cif: cb.creds.cif })).toHaveLength(0);
    expect((await post(cb, draft)).status).toBe(401);

    // School A spends its whole budget (30 calls / 10 s); school B's is untouched.
    const call = (c: typeof ca) => fetch(`${sandbox.baseUrl}/tax?cif=${c.creds.cif}`, { headers: { authorization: basicHeader(c.creds.username, c.creds.token) } });
    let status = 200;
    for (let i = 0; i < 40 && status === 200; i++) status = (await call(ca)).status;
    expect(status).toBe(429);
    const other = await call(cb);
    expect(other.status).toBe(200);
    expect(other.headers.get("x-ratelimit-remaining")).not.toBe("0");
    expect(realCalls).toEqual([]);
  });

  it("provisions again with a new token and keeps the school's company", async () => {
    const { connectSmartBill } = await import("./billing/connect");
    const a = await school("Școala Gama");
    await connectSmartBill(t.db, { ...a, sandbox: true, schoolName: a.name });
    const first = await connection(a.orgId);
    await connectSmartBill(t.db, { ...a, sandbox: true, schoolName: a.name });
    const second = await connection(a.orgId);
    expect(second.creds.cif).toBe(first.creds.cif);
    expect(second.creds.username).toBe(first.creds.username);
    expect(second.creds.token).not.toBe(first.creds.token);
    const old = await fetch(`${sandbox.baseUrl}/tax?cif=${first.creds.cif}`, { headers: { authorization: basicHeader(first.creds.username, first.creds.token) } });
    expect(old.status).toBe(401);
  });

  it("refuses provisioning without the key and stores nothing", async () => {
    const before = await t.sql`select count(*)::int as n from smartbill_sandbox.accounts`;
    for (const key of [undefined, "wrong"]) {
      const res = await fetch(`${sandbox.origin}/__provision`, {
        method: "POST",
        headers: { "content-type": "application/json", ...(key ? { "x-sandbox-provision-key": key } : {}) },
        body: JSON.stringify({ schoolRef: "intruder", schoolName: "x" }),
      });
      expect(res.status).toBe(401);
    }
    expect(await t.sql`select count(*)::int as n from smartbill_sandbox.accounts`).toEqual(before);
  });
});

describe("Change token on a sandbox connection", () => {
  it("verifies the new token with the sandbox, never with the real SmartBill", async () => {
    const { connectSmartBill } = await import("./billing/connect");
    const s = await school("Școala Delta");
    await connectSmartBill(t.db, { ...s, sandbox: true, schoolName: s.name });
    const { row, creds } = await connection(s.orgId);
    const before = await sandboxAdmin(t.sql).readCallLog({ account: creds.username });
    // What the settings page's changeTokenAction sends: the connection's login and CIF, the new token.
    const result = await connectSmartBill(t.db, { ...s, input: { username: row.username, cif: row.cif, token: creds.token } });
    expect(result.isSandbox).toBe(true);
    const after = await sandboxAdmin(t.sql).readCallLog({ account: creds.username });
    expect(after.length).toBeGreaterThan(before.length);
    expect((await connection(s.orgId)).creds.baseUrl).toBe(sandbox.baseUrl);

    // A wrong token is refused by the sandbox, and still nothing goes to the real SmartBill.
    await expect(connectSmartBill(t.db, { ...s, input: { username: row.username, cif: row.cif, token: "typed-by-hand-1234" } })).rejects.toMatchObject({
      reason: "credentials",
    });
    expect(realCalls).toEqual([]);
  });

  it("still sends other credentials to the configured SmartBill", async () => {
    const { connectSmartBill } = await import("./billing/connect");
    const s = await school("Școala Epsilon");
    await connectSmartBill(t.db, { ...s, sandbox: true, schoolName: s.name });
    await expect(connectSmartBill(t.db, { ...s, input: { username: "owner@real.ro", cif: "RO12345674", token: "real-token-1234" } })).rejects.toMatchObject({
      reason: "credentials",
    });
    expect(realCalls.length).toBeGreaterThan(0);
    realCalls.length = 0;
  });
});
