// The demo seed refuses the demo in production unless it is asked for explicitly.
import crypto from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../test/db";
import { seedDemo } from "./seed-demo";

describe("the demo seed", () => {
  let t: TestDb;
  beforeEach(async () => {
    t = await createTestDb();
    // with-db.ts makes one for `npm start`; the demo school stores its SmartBill token encrypted.
    process.env.BURSAR_ENCRYPTION_KEY ??= crypto.randomBytes(32).toString("base64");
  });
  afterEach(() => t.drop());

  const counts = async () => {
    const [users] = await t.sql<{ n: number }[]>`select count(*)::int as n from users where email like '%@demo.bursar.test'`;
    const [schema] = await t.sql<{ ok: boolean }[]>`select to_regclass('smartbill_sandbox.accounts') is not null as ok`;
    const sandbox = schema!.ok ? (await t.sql<{ n: number }[]>`select count(*)::int as n from smartbill_sandbox.accounts`)[0]!.n : 0;
    return { users: users!.n, sandboxAccounts: sandbox };
  };
  const quiet = { baseUrl: "http://localhost:3000", log: () => {} };

  it("skips the demo school and the sandbox demo under NODE_ENV=production without a choice", async () => {
    expect(await seedDemo(t.url, { ...quiet, env: { NODE_ENV: "production" } })).toBe("skipped");
    expect(await counts()).toEqual({ users: 0, sandboxAccounts: 0 });
  });

  it("seeds when asked, the sandbox demo only with the sandbox on, and only once", async () => {
    expect(await seedDemo(t.url, { ...quiet, env: { NODE_ENV: "production", BURSAR_DEMO: "on" } })).toBe("seeded");
    expect(await counts()).toEqual({ users: 3, sandboxAccounts: 0 });
    await seedDemo(t.url, { ...quiet, env: { NODE_ENV: "production", BURSAR_DEMO: "on", SMARTBILL_SANDBOX: "on" } });
    expect(await counts()).toEqual({ users: 3, sandboxAccounts: 2 });
  });

  it("outside demo mode, ends the sessions of demo users left from a demo run and says why", async () => {
    expect(await seedDemo(t.url, { ...quiet, env: { NODE_ENV: "production", BURSAR_DEMO: "on" } })).toBe("seeded");
    const [admin] = await t.sql<{ id: string }[]>`select id from users where email = 'admin@demo.bursar.test'`;
    await t.sql`insert into user_sessions (user_id, expires_at) values (${admin!.id}, now() + interval '1 hour')`;
    const open = async () => (await t.sql<{ n: number }[]>`select count(*)::int as n from user_sessions where revoked_at is null`)[0]!.n;
    expect(await open()).toBe(1);

    const lines: string[] = [];
    expect(await seedDemo(t.url, { baseUrl: "http://localhost:3000", log: (l) => lines.push(l), env: { BURSAR_DEMO: "off" } })).toBe("skipped");
    expect(lines.join("\n")).toMatch(/demo users disabled: admin@demo\.bursar\.test, staff@demo\.bursar\.test, accountant@demo\.bursar\.test/);
    expect(lines.join("\n")).toContain("BURSAR_DEMO=on");
    expect(await open()).toBe(0);

    // A deployment that never ran as the demo has nothing to disable.
    const fresh = await createTestDb();
    const quietLines: string[] = [];
    await seedDemo(fresh.url, { baseUrl: "http://localhost:3000", log: (l) => quietLines.push(l), env: { BURSAR_DEMO: "off" } });
    expect(quietLines.join("\n")).not.toContain("disabled");
    await fresh.drop();
  });

  it("prints no token in its banner", async () => {
    const lines: string[] = [];
    await seedDemo(t.url, { baseUrl: "http://localhost:3000", log: (l) => lines.push(l), env: { NODE_ENV: "development" } });
    expect(lines.join("\n")).toContain("admin@demo.bursar.test");
    expect(lines.join("\n")).not.toMatch(/token/i);
  });
});
