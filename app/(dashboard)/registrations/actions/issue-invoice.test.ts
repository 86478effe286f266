// previewInvoiceAction and issueInvoiceAction as public endpoints: the real actions on real PostgreSQL,
// the SmartBill sandbox over HTTP; only the request is simulated (test/session.ts).
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { memberships, users, vatLevels } from "@/db/schema";
import { stopBoss } from "@/lib/jobs/boss";
import { createTestDb, type TestDb } from "@/test/db";
import { createInvoicingSchool, type InvoicingSchool } from "@/test/invoicing";
import { startSandbox, type Sandbox } from "@/test/sandbox";
import { createSchool } from "@/test/school";
import { actAs, signOut } from "@/test/session";

let t: TestDb;
let sandbox: Sandbox;
let s: InvoicingSchool;
let accountantId: string;
let otherAdminId: string;
let act: typeof import("./issue-invoice") & typeof import("./preview-invoice");

beforeAll(async () => {
  t = await createTestDb({ app: true });
  sandbox = await startSandbox({ db: t });
  process.env.SMARTBILL_BASE_URL = sandbox.baseUrl;
  process.env.SMARTBILL_LOG_LEVEL = "silent";
  s = await createInvoicingSchool(t, sandbox, { count: 4 });
  const [u] = await t.db.insert(users).values({ email: `accountant-${randomUUID()}@school.test`, name: "Carmen Contabil", passwordHash: "x" }).returning();
  await t.db.insert(memberships).values({ orgId: s.orgId, userId: u!.id, role: "accountant" });
  accountantId = u!.id;
  otherAdminId = (await createSchool(t.db, { connected: sandbox })).admin.userId;
  await t.db.insert(vatLevels).values([
    { orgId: s.orgId, name: "Normala", percentage: "21" },
    { orgId: s.orgId, name: "Redusa", percentage: "11" },
  ]);
  act = { ...(await import("./issue-invoice")), ...(await import("./preview-invoice")) };
}, 60_000);
afterAll(async () => {
  await stopBoss();
  await sandbox?.close();
  await t?.drop();
});
beforeEach(() => signOut());

const TABLES = ["invoice_requests", "invoice_attempts", "invoice_series", "audit_log"];
async function snapshot() {
  const out: Record<string, unknown> = {};
  for (const table of TABLES) out[table] = await t.db.execute(sql.raw(`select * from ${table} order by 1`));
  return JSON.parse(JSON.stringify(out));
}
const requestsOf = async (registrationId: string) =>
  (await t.db.execute(sql`select id, amount_bani, status, vat_name, vat_percent, created_by from invoice_requests where registration_id = ${registrationId}`)) as unknown as {
    id: string;
    amount_bani: number;
    status: string;
    vat_name: string;
    vat_percent: string;
    created_by: string;
  }[];
const drainJobs = async () => Number(((await t.db.execute(sql`select count(*)::int as n from pgboss.job where name = 'invoice-drain'`)) as unknown as [{ n: number }])[0].n);

describe("previewInvoiceAction", () => {
  it("shows staff what SmartBill will receive, with the series' live next number, and writes nothing", async () => {
    actAs({ userId: s.staffId });
    const before = await snapshot();
    const res = await act.previewInvoiceAction({ registrationId: s.registrations[0]! });
    if (!res.ok) throw new Error(`${res.code} ${res.error}`);
    const p = res.data;
    expect(p.buyer).toMatchObject({ kind: "person", name: "Ștefan Popescu", cif: null });
    expect(p.lines).toEqual([{ name: "Dans modern — Copil 1", quantity: 1, unit: "buc", unitPriceBani: 100_000 }]);
    // 1.000 lei VAT included at 21 %: SmartBill's split.
    expect(p.vat).toEqual({ name: "Normala", percentage: 21 });
    expect(p.totals).toEqual({ netBani: 82_645, vatBani: 17_355, totalBani: 100_000 });
    expect(p.seriesName).toBe("BRS");
    expect(p.nextNumber).toMatch(/^\d+$/);
    expect(p.uninvoicedBani).toBe(100_000);
    expect(p.vatLevels.map((l) => l.name)).toEqual(["Normala", "Redusa"]);
    expect(await snapshot()).toEqual(before);
  });

  it("recomputes for another amount and a VAT override, and refuses a VAT level SmartBill does not have", async () => {
    actAs({ userId: s.adminId });
    const res = await act.previewInvoiceAction({ registrationId: s.registrations[0]!, amount: "1.110,00", vatOverride: "Redusa" });
    expect(res).toMatchObject({ ok: false, code: "conflict", error: "invoicing.errors.amountAboveBalance" });
    const ok = await act.previewInvoiceAction({ registrationId: s.registrations[0]!, amount: "555,00", vatOverride: "Redusa" });
    expect(ok).toMatchObject({ ok: true, data: { amountBani: 55_500, vat: { name: "Redusa", percentage: 11 }, vatOverride: "Redusa", totals: { netBani: 50_000, vatBani: 5_500, totalBani: 55_500 } } });
    const unknown = await act.previewInvoiceAction({ registrationId: s.registrations[0]!, vatOverride: "Inventata" });
    expect(unknown).toMatchObject({ ok: false, code: "validation", error: "invoiceIssue.errors.vatLevelUnknown" });
  });
});

describe("issueInvoiceAction", () => {
  it("a double click (the same clientRequestId) makes one request, and wakes its series' drain", async () => {
    actAs({ userId: s.staffId });
    const registrationId = s.registrations[1]!;
    const clientRequestId = randomUUID();
    const jobs = await drainJobs().catch(() => 0);
    const [a, b] = await Promise.all([
      act.issueInvoiceAction({ registrationId, clientRequestId, amount: "1.000,00" }),
      act.issueInvoiceAction({ registrationId, clientRequestId, amount: "1.000,00" }),
    ]);
    const again = await act.issueInvoiceAction({ registrationId, clientRequestId, amount: "1.000,00" });
    if (!a.ok || !b.ok || !again.ok) throw new Error("issue failed");
    expect(new Set([a.data.requestId, b.data.requestId, again.data.requestId]).size).toBe(1);
    expect([a.data.created, b.data.created].filter(Boolean)).toHaveLength(1);
    expect(again.data).toMatchObject({ created: false, alreadyOpen: false });
    const rows = await requestsOf(registrationId);
    expect(rows).toEqual([expect.objectContaining({ id: a.data.requestId, amount_bani: 100_000, created_by: s.staffId })]);
    expect(await drainJobs()).toBeGreaterThan(jobs);
  });

  it("another staff member's click on a registration being invoiced returns the open request", async () => {
    const registrationId = s.registrations[2]!;
    actAs({ userId: s.staffId });
    const first = await act.issueInvoiceAction({ registrationId, clientRequestId: randomUUID(), amount: "400", vatOverride: "Redusa" });
    actAs({ userId: s.adminId });
    const second = await act.issueInvoiceAction({ registrationId, clientRequestId: randomUUID(), amount: "400" });
    if (!first.ok || !second.ok) throw new Error("issue failed");
    expect(second.data).toMatchObject({ requestId: first.data.requestId, created: false, alreadyOpen: true });
    expect(await requestsOf(registrationId)).toEqual([expect.objectContaining({ amount_bani: 40_000, vat_name: "Redusa", vat_percent: "11.00" })]);
  });

  it("refuses an amount above what is left to invoice", async () => {
    actAs({ userId: s.adminId });
    const before = await snapshot();
    const res = await act.issueInvoiceAction({ registrationId: s.registrations[3]!, clientRequestId: randomUUID(), amount: "1.000,01" });
    expect(res).toMatchObject({ ok: false, code: "conflict", error: "invoicing.errors.amountAboveBalance" });
    expect(await snapshot()).toEqual(before);
  });
});

describe("who may preview and issue", () => {
  const calls = () => ({
    preview: () => act.previewInvoiceAction({ registrationId: s.registrations[3]! }),
    issue: () => act.issueInvoiceAction({ registrationId: s.registrations[3]!, clientRequestId: randomUUID(), amount: "100" }),
  });

  it("refuses a caller without a session, an accountant and another school's admin, and nothing is written", async () => {
    const before = await snapshot();
    for (const [who, expected] of [
      [null, "unauthenticated"],
      [accountantId, "forbidden"],
      [otherAdminId, "not_found"],
    ] as const) {
      actAs(who ? { userId: who } : null);
      for (const [name, call] of Object.entries(calls())) expect(await call(), `${who ?? "anonymous"} ${name}`).toMatchObject({ ok: false, code: expected });
    }
    expect(await snapshot()).toEqual(before);
    expect(await requestsOf(s.registrations[3]!)).toEqual([]);
  });

  it("lets staff and admins issue", async () => {
    actAs({ userId: s.adminId });
    const res = await calls().issue();
    expect(res).toMatchObject({ ok: true, data: { status: "queued", created: true } });
    expect(await requestsOf(s.registrations[3]!)).toEqual([expect.objectContaining({ amount_bani: 10_000, created_by: s.adminId })]);
  });
});
