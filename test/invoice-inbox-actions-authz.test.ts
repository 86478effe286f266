// The invoice inbox's actions (retry, retry many, link, not created, check again, resume, resolve an alarm) as public endpoints: the
// real actions on real PostgreSQL and the SmartBill sandbox; only the request is simulated.
import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getInvoiceRequest, getInvoicingPause } from "../db/queries/invoices";
import { invoiceAlarms, memberships, users } from "../db/schema";
import { drainSeries } from "../lib/invoicing/engine/drain";
import { pauseIssuing } from "../lib/invoicing/engine/pause";
import { createManualRequest } from "../lib/invoicing/requests/manual";
import { createTestDb, type TestDb } from "./db";
import { createInvoicingSchool, type InvoicingSchool } from "./invoicing";
import { DEMO, SCHOOL_CIF, startSandbox, type Sandbox } from "./sandbox";
import { actAs, signOut } from "./session";

let t: TestDb;
let sandbox: Sandbox;
let A: InvoicingSchool;
let B: InvoicingSchool;
let accountantId: string;
const ids = { failed: "", inDoubt: "", checked: "", alarm: "" };
let act: Awaited<ReturnType<typeof loadActions>>;

async function loadActions() {
  return {
    ...(await import("../app/(dashboard)/invoices/actions/retry-invoice")),
    ...(await import("../app/(dashboard)/invoices/actions/retry-invoices")),
    ...(await import("../app/(dashboard)/invoices/actions/link-invoice")),
    ...(await import("../app/(dashboard)/invoices/actions/mark-not-created")),
    ...(await import("../app/(dashboard)/invoices/actions/resume-issuing")),
    ...(await import("../app/(dashboard)/invoices/actions/resolve-alarm")),
    ...(await import("../app/(dashboard)/invoices/actions/check-again")),
  };
}

const TABLES = ["invoice_requests", "invoice_attempts", "invoice_series", "invoicing_pauses", "invoice_alarms", "audit_log"];
async function snapshot() {
  const out: Record<string, unknown> = {};
  for (const table of TABLES) out[table] = await t.db.execute(sql.raw(`select * from ${table} order by 1, 2`));
  return JSON.parse(JSON.stringify(out));
}

function everyAction() {
  return {
    retry: () => act.retryInvoiceAction({ requestId: ids.failed }),
    retrySelected: () => act.retryInvoicesAction({ requestIds: [ids.failed] }),
    retryAll: () => act.retryInvoicesAction({ requestIds: null }),
    link: () => act.linkInvoiceAction({ requestId: ids.inDoubt, number: "1" }),
    notCreated: () => act.markNotCreatedAction({ requestId: ids.inDoubt }),
    resume: () => act.resumeIssuingAction({}),
    resolveAlarm: () => act.resolveAlarmAction({ alarmId: ids.alarm, note: "Storno made" }),
    checkAgain: () => act.checkAgainAction({ requestId: ids.inDoubt }),
  };
}

beforeAll(async () => {
  t = await createTestDb({ app: true });
  sandbox = await startSandbox({ db: t });
  process.env.SMARTBILL_BASE_URL = sandbox.baseUrl;
  process.env.SMARTBILL_SANDBOX_URL = sandbox.baseUrl;
  process.env.SMARTBILL_LOG_LEVEL = "silent";
  A = await createInvoicingSchool(t, sandbox, { count: 3 });
  B = await createInvoicingSchool(t, sandbox, { count: 1 });
  const [u] = await t.db.insert(users).values({ email: `accountant-${randomUUID()}@school.test`, name: "Contabil", passwordHash: "x" }).returning();
  await t.db.insert(memberships).values({ orgId: A.orgId, userId: u!.id, role: "accountant" });
  accountantId = u!.id;
  // A failed request (a 200 with errorText) and an in-doubt one (an HTML 500), then the school paused.
  const make = async (i: number) => (await createManualRequest(t.db, { orgId: A.orgId, actorUserId: A.staffId, registrationId: A.registrations[i]!, clientRequestId: randomUUID() })).request.id;
  await sandbox.admin.addFault({ account: DEMO.email, kind: "error_text_200", path: "/invoice/v2", errorText: "Eroare simulata de sandbox." });
  ids.failed = await make(0);
  await drainSeries(A.deps(), A.orgId, SCHOOL_CIF, "BRS");
  await sandbox.admin.addFault({ account: DEMO.email, kind: "html_500", path: "/invoice/v2" });
  ids.inDoubt = await make(1);
  await drainSeries(A.deps(), A.orgId, SCHOOL_CIF, "BRS");
  expect((await getInvoiceRequest(t.db, A.orgId, ids.failed))!.status).toBe("failed");
  expect((await getInvoiceRequest(t.db, A.orgId, ids.inDoubt))!.status).toBe("in_doubt");
  await sandbox.admin.addFault({ account: DEMO.email, kind: "html_500", path: "/invoice/v2" });
  ids.checked = await make(2);
  await drainSeries(A.deps(), A.orgId, SCHOOL_CIF, "BRS");
  expect((await getInvoiceRequest(t.db, A.orgId, ids.checked))!.status).toBe("in_doubt");
  // An extra invoice SmartBill holds for the in-doubt request's registration (as the engine records one).
  const [alarm] = await t.db.insert(invoiceAlarms).values({ orgId: A.orgId, kind: "late_answer", requestId: ids.inDoubt, companyCif: SCHOOL_CIF, seriesName: "BRS", number: "9001" }).returning();
  ids.alarm = alarm!.id;
  await pauseIssuing(t.db, { orgId: A.orgId, detail: "Pentru acest pachet s-a emis numarul maxim de documente permis" });
  act = await loadActions();
}, 120_000);
afterAll(async () => {
  await sandbox?.close();
  await t?.drop();
});
beforeEach(() => signOut());

// The actions read the grace period from the environment (workerDeps): the default unless a test sets it.
afterEach(() => {
  delete process.env.BURSAR_RECONCILE_GRACE_MS;
});

describe("invoice inbox actions refuse and change nothing", () => {
  it("for a caller without a session", async () => {
    const before = await snapshot();
    for (const [name, call] of Object.entries(everyAction())) expect(await call(), name).toMatchObject({ ok: false, code: "unauthenticated" });
    expect(await snapshot()).toEqual(before);
  });

  it("for an accountant (read only)", async () => {
    actAs({ userId: accountantId });
    const before = await snapshot();
    for (const [name, call] of Object.entries(everyAction())) expect(await call(), name).toMatchObject({ ok: false, code: "forbidden" });
    expect(await snapshot()).toEqual(before);
  });

  it("for another school's admin, as if A's requests did not exist", async () => {
    actAs({ userId: B.adminId });
    const before = await snapshot();
    const calls = everyAction();
    expect(await calls.retry()).toMatchObject({ ok: false, code: "not_found" });
    expect(await calls.retrySelected()).toEqual({ ok: true, data: { retried: 0, skipped: 1, paymentVoided: 0 } });
    expect(await calls.retryAll()).toEqual({ ok: true, data: { retried: 0, skipped: 0, paymentVoided: 0 } });
    expect(await calls.link()).toMatchObject({ ok: false, code: "conflict" });
    expect(await calls.notCreated()).toMatchObject({ ok: false, code: "conflict" });
    expect(await calls.resolveAlarm()).toMatchObject({ ok: false, code: "not_found", error: "invoicing.errors.alarmNotFound" });
    // Check again reads nothing for a request the school does not have.
    expect(await calls.checkAgain()).toEqual({ ok: true, data: { outcome: "not_in_doubt", linked: null, checkAfter: null } });
    // B is not paused: its Resume lifts nothing, and A stays paused.
    expect(await calls.resume()).toEqual({ ok: true, data: { resumed: false, series: 0 } });
    expect(await snapshot()).toEqual(before);
  });

  it("Resume is for admins: staff are refused", async () => {
    actAs({ userId: A.staffId });
    const before = await snapshot();
    expect(await act.resumeIssuingAction({})).toMatchObject({ ok: false, code: "forbidden" });
    expect(await snapshot()).toEqual(before);
  });

  it("a number that is not one is refused before SmartBill is asked", async () => {
    actAs({ userId: A.staffId });
    const before = await snapshot();
    for (const number of ["", "BRS-0001", "12a", "1".repeat(13)]) {
      const res = await act.linkInvoiceAction({ requestId: ids.inDoubt, number });
      expect(res, number).toMatchObject({ ok: false, code: "validation" });
    }
    expect(await snapshot()).toEqual(before);
  });

  it("an alarm id that is not a uuid, or a note with control characters or too long, is refused", async () => {
    actAs({ userId: A.staffId });
    const before = await snapshot();
    for (const body of [{ alarmId: "9001" }, { alarmId: ids.alarm, note: "storno\u0000" }, { alarmId: ids.alarm, note: "x".repeat(501) }]) {
      expect(await act.resolveAlarmAction(body), JSON.stringify(body).slice(0, 40)).toMatchObject({ ok: false, code: "validation" });
    }
    expect(await snapshot()).toEqual(before);
  });
});

describe("the school's own staff and admin", () => {
  it("check again: too early within the grace period (nothing changes), then the reads prove it was not created", async () => {
    actAs({ userId: A.staffId });
    const before = await snapshot();
    const early = await act.checkAgainAction({ requestId: ids.checked });
    expect(early).toMatchObject({ ok: true, data: { outcome: "too_early", linked: null } });
    const checkAfter = early.ok ? early.data.checkAfter : null;
    expect(new Date(checkAfter!).getTime()).toBeGreaterThan(Date.now());
    expect(await snapshot()).toEqual(before);
    // After the grace period: the series did not move past the number it could take, so nothing was created.
    process.env.BURSAR_RECONCILE_GRACE_MS = "0";
    expect(await act.checkAgainAction({ requestId: ids.checked })).toEqual({ ok: true, data: { outcome: "proved_not_created", linked: null, checkAfter: null } });
    expect((await getInvoiceRequest(t.db, A.orgId, ids.checked))!.status).toBe("queued");
    expect(await act.checkAgainAction({ requestId: ids.checked })).toEqual({ ok: true, data: { outcome: "not_in_doubt", linked: null, checkAfter: null } });
  });
  it("retry a failed invoice, mark an in-doubt one not created, and resume (admin)", async () => {
    actAs({ userId: A.staffId });
    expect(await act.retryInvoiceAction({ requestId: ids.failed })).toEqual({ ok: true, data: { requestId: ids.failed, payloadChanged: false } });
    expect((await getInvoiceRequest(t.db, A.orgId, ids.failed))!.status).toBe("queued");
    // Inside the grace period (a create may still land) "Not created" is refused; after it, a fresh read decides.
    expect(await act.markNotCreatedAction({ requestId: ids.inDoubt })).toMatchObject({ ok: false, code: "conflict", error: "invoicing.errors.tooEarlyToDecide" });
    await t.db.execute(sql`update invoice_attempts set started_at = now() - interval '1 hour' where request_id = ${ids.inDoubt}`);
    expect(await act.markNotCreatedAction({ requestId: ids.inDoubt })).toEqual({ ok: true, data: null });
    expect((await getInvoiceRequest(t.db, A.orgId, ids.inDoubt))!.status).toBe("queued");
    actAs({ userId: A.adminId });
    expect(await act.resumeIssuingAction({})).toEqual({ ok: true, data: { resumed: true, series: 1 } });
    expect(await getInvoicingPause(t.db, A.orgId)).toBeNull();
  });

  it("staff resolve an alarm: it leaves the inbox with who and when; a second click changes nothing", async () => {
    actAs({ userId: A.staffId });
    expect(await act.resolveAlarmAction({ alarmId: ids.alarm, note: "Storno BRS-9001" })).toEqual({ ok: true, data: { resolved: true } });
    const [row] = await t.db.select().from(invoiceAlarms).where(eq(invoiceAlarms.id, ids.alarm));
    expect(row).toMatchObject({ resolvedBy: A.staffId });
    expect(row!.resolvedAt).toBeInstanceOf(Date);
    expect(await act.resolveAlarmAction({ alarmId: ids.alarm })).toEqual({ ok: true, data: { resolved: false } });
  });
});
