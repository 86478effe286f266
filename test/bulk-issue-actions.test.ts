// The bulk issue actions and the progress poll as public endpoints: real actions on real PostgreSQL with
// the sandbox connected; only the request is simulated (test/session.ts). No worker runs here, so what a
// bulk run queues stays queued.
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { billingSettings, memberships, registrations, users } from "../db/schema";
import { planInvoice } from "../lib/invoicing/documents/issuer";
import { createManualRequest } from "../lib/invoicing/requests/manual";
import { stopBoss } from "../lib/jobs/boss";
import { cancelRegistration } from "../lib/registrations/registrations";
import type { RegistrationFilter } from "../lib/registrations/schemas";
import { createTestDb, type TestDb } from "./db";
import { createInvoicingSchool, type InvoicingSchool } from "./invoicing";
import { startSandbox, type Sandbox } from "./sandbox";
import { actAs, signOut } from "./session";

let t: TestDb;
let sandbox: Sandbox;
let A: InvoicingSchool;
let B: InvoicingSchool;
let accountantA: string;
let act: typeof import("../app/(dashboard)/registrations/actions/bulk-issue");
let poll: typeof import("../app/api/invoice-batches/[id]/route");

const TABLES = ["invoice_batches", "invoice_requests", "invoice_attempts", "audit_log"];
async function snapshot() {
  const out: Record<string, unknown> = {};
  for (const table of TABLES) out[table] = await t.db.execute(sql.raw(`select * from ${table} order by 1`));
  return JSON.parse(JSON.stringify(out));
}

async function getBatch(id: string) {
  const res = await poll.GET(new Request(`http://localhost/api/invoice-batches/${id}`), { params: Promise.resolve({ id }) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & { batch?: { counts: Record<string, number>; skippedCount: number } } };
}

/** An "all matching" filter as the table sends it: every key, "no filter" said explicitly. */
const filter = (f: Partial<RegistrationFilter> = {}): RegistrationFilter => ({ course: null, term: null, paymentStatus: [], status: "active", q: "", invoice: null, ...f });

beforeAll(async () => {
  t = await createTestDb({ app: true });
  sandbox = await startSandbox({ db: t });
  A = await createInvoicingSchool(t, sandbox, { count: 6 });
  B = await createInvoicingSchool(t, sandbox, { count: 2 });
  const [u] = await t.db.insert(users).values({ email: `accountant-${randomUUID()}@school.test`, name: "Accountant", passwordHash: "x" }).returning();
  await t.db.insert(memberships).values({ orgId: A.orgId, userId: u!.id, role: "accountant" });
  accountantA = u!.id;
  act = await import("../app/(dashboard)/registrations/actions/bulk-issue");
  poll = await import("../app/api/invoice-batches/[id]/route");
}, 60_000);
afterAll(async () => {
  // The start action woke the queue (pg-boss on this database): close it before the database goes.
  await stopBoss();
  await sandbox?.close();
  await t?.drop();
});
beforeEach(() => signOut());

describe("bulk issue actions refuse and change nothing", () => {
  const calls = () => ({
    summary: () => act.bulkIssueSummaryAction({ selection: { ids: A.registrations } }),
    start: () => act.startBulkIssueAction({ clientBatchId: randomUUID(), selection: { ids: A.registrations }, confirmedCount: 6 }),
    startAll: () => act.startBulkIssueAction({ clientBatchId: randomUUID(), selection: { all: filter() }, confirmedCount: 6 }),
    cancel: () => act.cancelBulkIssueAction({ batchId: randomUUID() }),
  });

  it("for a caller without a session, and the poll answers 401", async () => {
    const before = await snapshot();
    for (const [name, call] of Object.entries(calls())) expect(await call(), name).toMatchObject({ ok: false, code: "unauthenticated" });
    expect((await getBatch(randomUUID())).status).toBe(401);
    expect(await snapshot()).toEqual(before);
  });

  it("for an accountant (may follow a run, not start or cancel one)", async () => {
    actAs({ userId: accountantA });
    const before = await snapshot();
    for (const [name, call] of Object.entries(calls())) expect(await call(), name).toMatchObject({ ok: false, code: "forbidden" });
    expect(await snapshot()).toEqual(before);
  });

  it("for another school's staff, as if A's rows did not exist", async () => {
    actAs({ userId: A.staffId });
    const started = await act.startBulkIssueAction({ clientBatchId: randomUUID(), selection: { ids: A.registrations.slice(0, 1) }, confirmedCount: 1 });
    expect(started.ok).toBe(true);
    const batchId = started.ok ? started.data.batchId : "";

    actAs({ userId: B.staffId });
    const before = await snapshot();
    expect(await act.startBulkIssueAction({ clientBatchId: randomUUID(), selection: { ids: A.registrations }, confirmedCount: 6 })).toMatchObject({ ok: false, code: "not_found" });
    // One of A's ids among B's own: the whole run is refused, nothing half-made.
    expect(await act.startBulkIssueAction({ clientBatchId: randomUUID(), selection: { ids: [B.registrations[0]!, A.registrations[1]!] }, confirmedCount: 2 })).toMatchObject({ ok: false, code: "not_found" });
    expect(await act.cancelBulkIssueAction({ batchId })).toMatchObject({ ok: false, code: "not_found", error: "invoiceBulk.errors.batchNotFound" });
    const summary = await act.bulkIssueSummaryAction({ selection: { ids: A.registrations } });
    expect(summary).toMatchObject({ ok: true, data: { selected: 0, toInvoice: 0, totalBani: 0, series: [] } });
    const polled = await getBatch(batchId);
    expect(polled.status).toBe(404);
    expect(JSON.stringify(polled.body)).not.toContain(A.registrations[0]!);
    expect(await snapshot()).toEqual(before);

    // The batch's own school follows it, the accountant too (read-only).
    actAs({ userId: accountantA });
    const own = await getBatch(batchId);
    expect(own.status).toBe(200);
    expect(own.body.batch!.counts.queued).toBe(1);
    actAs({ userId: A.staffId });
    expect(await act.cancelBulkIssueAction({ batchId })).toEqual({ ok: true, data: { cancelled: 1 } });
  });
});

describe("bulk issue", () => {
  it("summarises before confirming: how many, skipped and why, total and series, time", async () => {
    const s = await createInvoicingSchool(t, sandbox, { count: 5 });
    await createManualRequest(t.db, { orgId: s.orgId, actorUserId: s.staffId, registrationId: s.registrations[0]!, clientRequestId: randomUUID() });
    await cancelRegistration(t.db, { orgId: s.orgId, actorUserId: s.staffId, registrationId: s.registrations[1]!, reason: "moved away" });
    actAs({ userId: s.staffId });
    const res = await act.bulkIssueSummaryAction({ selection: { ids: s.registrations } });
    expect(res).toEqual({
      ok: true,
      data: {
        selected: 5,
        toInvoice: 3,
        skipped: { cancelled: 1, invoiced: 0, inProgress: 1 },
        // 1.000,00 lei each, VAT included (21 %): SmartBill's total is the price.
        totalBani: 300_000,
        series: [{ profileName: "Școala Demo SRL", seriesName: "BRS", count: 3, totalBani: 300_000 }],
        alreadyQueued: 1,
        etaSeconds: 2,
        blocked: null,
      },
    });
    // "All N matching" is the filter, re-read on the server: the cancelled one is not in "active".
    const all = await act.bulkIssueSummaryAction({ selection: { all: filter({ status: "active" }) } });
    expect(all).toMatchObject({ ok: true, data: { selected: 4, toInvoice: 3, skipped: { cancelled: 0, inProgress: 1 } } });
  });

  it("totals each invoice as it will be sent: a discounted registration with VAT added on net prices", async () => {
    const s = await createInvoicingSchool(t, sandbox, { count: 2 });
    await t.db.update(billingSettings).set({ vatMode: "payer_added" }).where(eq(billingSettings.orgId, s.orgId));
    // Sold at 333,50 lei against the course's 1.000,00: the course line and a discount line, each VAT rounded on its own
    // (SmartBill's total is 1 ban below one line's: 403,53 against 403,54).
    await t.db.update(registrations).set({ priceBani: 33_350 }).where(and(eq(registrations.orgId, s.orgId), eq(registrations.id, s.registrations[0]!)));
    const plans = await Promise.all(
      [[s.registrations[0]!, 33_350], [s.registrations[1]!, 100_000]].map(([id, amount]) => planInvoice(t.db, s.orgId, { registrationId: id as string, amountBani: amount as number })),
    );
    expect(plans[0]!.payload.products.some((p) => p.isDiscount)).toBe(true);
    actAs({ userId: s.staffId });
    const res = await act.bulkIssueSummaryAction({ selection: { ids: s.registrations } });
    expect(plans[0]!.totals.totalBani).toBe(40_353);
    const expected = plans[0]!.totals.totalBani + plans[1]!.totals.totalBani;
    expect(res).toMatchObject({ ok: true, data: { toInvoice: 2, totalBani: expected, series: [{ seriesName: "BRS", count: 2, totalBani: expected }] } });
  });

  it("a double-submitted Confirm makes one batch; cancel leaves the rest cancelled", async () => {
    const s = await createInvoicingSchool(t, sandbox, { count: 4 });
    actAs({ userId: s.staffId });
    const clientBatchId = randomUUID();
    const body = { clientBatchId, selection: { all: filter({ status: "all" }) }, confirmedCount: 4 };
    const [first, second] = await Promise.all([act.startBulkIssueAction(body), act.startBulkIssueAction(body)]);
    expect(first.ok && second.ok).toBe(true);
    if (!first.ok || !second.ok) return;
    expect(first.data.batchId).toBe(second.data.batchId);
    expect([first.data.created, second.data.created].sort()).toEqual([0, 4]);
    const [{ n }] = (await t.sql`select count(*)::int as n from invoice_requests where org_id = ${s.orgId}`) as unknown as [{ n: number }];
    expect(n).toBe(4);
    const [{ batches }] = (await t.sql`select count(*)::int as batches from invoice_batches where org_id = ${s.orgId}`) as unknown as [{ batches: number }];
    expect(batches).toBe(1);

    // A second Confirm of the same summary (4) over the same rows: they are being invoiced now, so the
    // count no longer matches and nothing is made.
    const again = await act.startBulkIssueAction({ clientBatchId: randomUUID(), selection: { ids: s.registrations }, confirmedCount: 4 });
    expect(again).toMatchObject({ ok: false, code: "conflict", error: "invoiceBulk.errors.countChanged" });

    expect(await act.cancelBulkIssueAction({ batchId: first.data.batchId })).toEqual({ ok: true, data: { cancelled: 4 } });
    const view = await getBatch(first.data.batchId);
    expect(view.body).toMatchObject({ finished: true, etaSeconds: 0, batch: { counts: { cancelled: 4, queued: 0 } } });
  });

  it("a school that cannot issue yet (no billing profile) is told so before confirming, and a start writes nothing", async () => {
    const s = await createInvoicingSchool(t, sandbox, { count: 2 });
    await t.sql`update billing_profiles set archived_at = now(), is_default = false where org_id = ${s.orgId}`;
    actAs({ userId: s.staffId });
    const summary = await act.bulkIssueSummaryAction({ selection: { ids: s.registrations } });
    expect(summary).toMatchObject({ ok: true, data: { toInvoice: 2, series: [], blocked: "invoicing.errors.noProfile" } });
    const before = await snapshot();
    expect(await act.startBulkIssueAction({ clientBatchId: randomUUID(), selection: { ids: s.registrations }, confirmedCount: 2 })).toMatchObject({
      ok: false,
      code: "conflict",
      error: "invoicing.errors.noProfile",
    });
    expect(await snapshot()).toEqual(before);

    await t.sql`update smartbill_connections set disconnected_at = now() where org_id = ${s.orgId}`;
    const disconnected = await act.bulkIssueSummaryAction({ selection: { ids: s.registrations } });
    expect(disconnected).toMatchObject({ ok: true, data: { blocked: "invoiceBulk.errors.notConnected" } });
  });

  it("an \"all matching\" filter that does not parse is refused, never widened to every registration", async () => {
    const s = await createInvoicingSchool(t, sandbox, { count: 3 });
    actAs({ userId: s.staffId });
    const bad: unknown[] = [
      { ...filter(), status: "bogus" },
      { ...filter(), status: null },
      { ...filter(), course: "not-a-uuid" },
      { ...filter(), course: "" },
      { ...filter(), course: "aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa" },
      { ...filter(), paymentStatus: ["bogus"] },
      { ...filter(), paymentStatus: "paid" },
      { ...filter(), invoice: "paid" },
      { ...filter(), term: "" },
      { ...filter(), q: "x".repeat(101) },
      { ...filter(), courseId: s.registrations[0] },
      { status: "active" },
      {},
    ];
    const before = await snapshot();
    for (const all of bad) {
      const selection = { all } as { all: RegistrationFilter };
      expect(await act.bulkIssueSummaryAction({ selection }), JSON.stringify(all)).toMatchObject({ ok: false, code: "validation" });
      expect(await act.startBulkIssueAction({ clientBatchId: randomUUID(), selection, confirmedCount: 3 }), JSON.stringify(all)).toMatchObject({ ok: false, code: "validation" });
    }
    expect(await snapshot()).toEqual(before);
    // The same filter, well formed, starts.
    expect(await act.startBulkIssueAction({ clientBatchId: randomUUID(), selection: { all: filter() }, confirmedCount: 3 })).toMatchObject({ ok: true, data: { created: 3 } });
  });

  it("a Confirm whose count no longer matches queues nothing; confirming the new count starts", async () => {
    const s = await createInvoicingSchool(t, sandbox, { count: 3 });
    actAs({ userId: s.staffId });
    const selection = { all: filter() };
    const summary = await act.bulkIssueSummaryAction({ selection });
    expect(summary).toMatchObject({ ok: true, data: { toInvoice: 3 } });
    // Meanwhile a colleague issues one of them by hand.
    await createManualRequest(t.db, { orgId: s.orgId, actorUserId: s.staffId, registrationId: s.registrations[0]!, clientRequestId: randomUUID() });
    const before = await snapshot();
    const clientBatchId = randomUUID();
    expect(await act.startBulkIssueAction({ clientBatchId, selection, confirmedCount: 3 })).toEqual({ ok: false, code: "conflict", error: "invoiceBulk.errors.countChanged" });
    expect(await snapshot()).toEqual(before);
    // A count that is not one a summary can show is a validation error.
    for (const confirmedCount of [0, -1, 2.5, 10_000_000]) {
      expect(await act.startBulkIssueAction({ clientBatchId, selection, confirmedCount }), String(confirmedCount)).toMatchObject({ ok: false, code: "validation" });
    }
    // The dialog reads the summary again; the same Confirm (same batch id) with the new count starts.
    expect(await act.bulkIssueSummaryAction({ selection })).toMatchObject({ ok: true, data: { toInvoice: 2 } });
    expect(await act.startBulkIssueAction({ clientBatchId, selection, confirmedCount: 2 })).toMatchObject({ ok: true, data: { created: 2, skipped: 1 } });
  });
});
