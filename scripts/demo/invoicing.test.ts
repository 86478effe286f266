// The demo school starts connected and invoicing: issued invoices that really are in the sandbox, one
// failed invoice that can be retried, one in doubt with what Bursar read, setup finished, and nothing
// done twice on a second start.
import crypto from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getActiveConnection } from "../../db/queries/smartbill-connections";
import { getProgress } from "../../lib/billing/setup-progress";
import { createTestDb, type TestDb } from "../../test/db";
import { seedDemo } from "../seed-demo";

let t: TestDb;
let orgId: string;
const env = { NODE_ENV: "development", BURSAR_DEMO: "on", SMARTBILL_SANDBOX: "on" };

beforeAll(async () => {
  t = await createTestDb();
  // with-db.ts makes one for `npm start`; the demo school stores its SmartBill token encrypted.
  process.env.BURSAR_ENCRYPTION_KEY ??= crypto.randomBytes(32).toString("base64");
  process.env.BURSAR_INTERNAL_URL = "http://127.0.0.1:3999";
  expect(await seedDemo(t.url, { baseUrl: "http://localhost:3999", env, log: () => {} })).toBe("seeded");
  const [org] = await t.sql<{ id: string }[]>`select id from organisations where name = 'Școala Demo'`;
  orgId = org!.id;
}, 120_000);
afterAll(() => t.drop());

const statuses = async () =>
  Object.fromEntries(
    (await t.db.execute(sql`select status, count(*)::int as n from invoice_requests where org_id = ${orgId} group by 1`)).map((r) => [r.status, r.n]),
  );

describe("the demo school's invoicing", () => {
  it("is connected to the sandbox demo account through the app's own sandbox route, with setup finished", async () => {
    const connection = await getActiveConnection(t.db, orgId);
    expect(connection).toMatchObject({ isSandbox: true, cif: "RO12345674", baseUrl: "http://127.0.0.1:3999/api/smartbill-sandbox/SBORO/api" });
    expect((await getProgress(t.db, orgId)).finishedAt).not.toBeNull();
  });

  it("has 24 issued invoices, each one in the sandbox, one failed invoice that can be retried and one in doubt for a person", async () => {
    expect(await statuses()).toEqual({ issued: 24, failed: 1, in_doubt: 1 });
    const [failed] = await t.sql<{ retryable: boolean; failure_type: string; failure_text: string }[]>`
      select retryable, failure_type, failure_text from invoice_requests where org_id = ${orgId} and status = 'failed'`;
    expect(failed).toMatchObject({ retryable: true, failure_type: "unknown", failure_text: expect.stringContaining("temporar indisponibil") });
    // In doubt: its own document could not be read at the check; the colleague's carries no Bursar mark.
    const [doubt] = await t.sql<{ evidence: { verdict: string; candidates: { read: string }[] } }[]>`
      select evidence from invoice_requests where org_id = ${orgId} and status = 'in_doubt'`;
    expect(doubt!.evidence).toMatchObject({ verdict: "unreadable", candidates: [{ read: "unreadable" }, { read: "no_mark" }] });
    const [outside] = await t.sql<{ n: number }[]>`select count(*)::int as n from outside_invoices where org_id = ${orgId}`;
    expect(outside!.n).toBe(1);
    const numbers = await t.sql<{ n: string }[]>`select issued_series || '-' || issued_number as n from invoice_requests where org_id = ${orgId} and status = 'issued'`;
    const [stored] = await t.sql<{ n: number }[]>`
      select count(*)::int as n from smartbill_sandbox.invoices i where (i.series_name || '-' || i.number) = any(${numbers.map((r) => r.n)})`;
    expect(stored!.n).toBe(24);
  });

  it("does nothing the second time the app starts", async () => {
    await seedDemo(t.url, { baseUrl: "http://localhost:3999", env, log: () => {} });
    expect(await statuses()).toEqual({ issued: 24, failed: 1, in_doubt: 1 });
  });
});
