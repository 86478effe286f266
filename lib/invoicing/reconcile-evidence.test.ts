// The reconcile view's evidence, gathered live from the SmartBill sandbox over HTTP.
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { smartbillConnections } from "@/db/schema";
import { createTestDb, type TestDb } from "@/test/db";
import { createInvoicingSchool } from "@/test/invoicing";
import { DEMO, invoiceBody, SCHOOL_CIF, startSandbox, type Sandbox } from "@/test/sandbox";
import { drainSeries } from "./engine/drain";
import { gatherReconcileEvidence } from "./reconcile-evidence";
import { createManualRequest } from "./request-invoice";

let t: TestDb;
let sandbox: Sandbox;
beforeAll(async () => {
  t = await createTestDb();
  sandbox = await startSandbox({ db: t });
});
afterAll(async () => {
  await sandbox?.close();
  await t?.drop();
});
beforeEach(async () => {
  await sandbox.admin.clearFaults({});
});

const nextNow = async () => (await sandbox.sb.series.list(sandbox.creds, { type: "f" })).find((s) => s.name === "BRS")!.nextNumber;

describe("gatherReconcileEvidence", () => {
  it("stored but unanswered, then someone else issued: the expected number, the series' number now, the candidate's total", async () => {
    const s = await createInvoicingSchool(t, sandbox, { count: 1 });
    const deps = s.deps();
    const expected = await nextNow();
    await sandbox.admin.addFault({ account: DEMO.email, kind: "timeout_after_store", path: "/invoice/v2", ms: 5_000 });
    const r = await createManualRequest(t.db, { orgId: s.orgId, actorUserId: s.staffId, registrationId: s.registrations[0]!, clientRequestId: randomUUID(), amountBani: 23_456 });
    expect((await drainSeries(deps, s.orgId, SCHOOL_CIF, "BRS")).inDoubt).toEqual([r.request.id]);
    // An invoice issued in SmartBill's own UI into the same series: the series moved by two.
    const other = await sandbox.call("POST", "/invoice/v2", { json: invoiceBody() });
    expect(other.status).toBe(200);

    const { cases, total } = await gatherReconcileEvidence(deps, s.orgId);
    expect(total).toBe(1);
    expect(cases).toHaveLength(1);
    const c = cases[0]!;
    expect(c.request.id).toBe(r.request.id);
    expect(c.registration.id).toBe(s.registrations[0]);
    expect(c.client.name).toBe("Ștefan Popescu");
    expect(c.expectedNumber).toBe(String(expected));
    expect(c.nextNumberNow).toBe(expected + 2);
    expect(c.candidate).toMatchObject({ state: "found", totalBani: 23_456 });
    expect(Number(c.candidate!.number)).toBe(expected);
    expect(c.suggestedNumber).toBe(c.candidate!.number);
    expect(c.sentAt).toBeInstanceOf(Date);
    expect(c.attempts.map((a) => a.outcome)).toEqual(["ambiguous"]);
  });

  it("an error answer that created nothing: the series did not move, so there is no candidate", async () => {
    const s = await createInvoicingSchool(t, sandbox, { count: 1 });
    const deps = s.deps();
    const expected = await nextNow();
    await sandbox.admin.addFault({ account: DEMO.email, kind: "html_500", path: "/invoice/v2" });
    const r = await createManualRequest(t.db, { orgId: s.orgId, actorUserId: s.staffId, registrationId: s.registrations[0]!, clientRequestId: randomUUID() });
    expect((await drainSeries(deps, s.orgId, SCHOOL_CIF, "BRS")).inDoubt).toEqual([r.request.id]);
    const [c] = (await gatherReconcileEvidence(deps, s.orgId)).cases;
    expect(c).toMatchObject({ expectedNumber: String(expected), nextNumberNow: expected, candidate: null });
    expect(Number(c!.suggestedNumber)).toBe(expected);

    // SmartBill cannot say (the school is disconnected): the series' number now is unknown, the rest stays.
    await t.db.update(smartbillConnections).set({ disconnectedAt: new Date() }).where(eq(smartbillConnections.orgId, s.orgId));
    const [unknown] = (await gatherReconcileEvidence(deps, s.orgId)).cases;
    expect(unknown).toMatchObject({ expectedNumber: String(expected), nextNumberNow: null, candidate: null });
  });

  it("another school's in-doubt requests are not listed", async () => {
    const a = await createInvoicingSchool(t, sandbox, { count: 1 });
    const b = await createInvoicingSchool(t, sandbox, { count: 1 });
    await sandbox.admin.addFault({ account: DEMO.email, kind: "html_500", path: "/invoice/v2" });
    await createManualRequest(t.db, { orgId: a.orgId, actorUserId: a.staffId, registrationId: a.registrations[0]!, clientRequestId: randomUUID() });
    await drainSeries(a.deps(), a.orgId, SCHOOL_CIF, "BRS");
    expect(await gatherReconcileEvidence(b.deps(), b.orgId)).toEqual({ cases: [], total: 0 });
  });
});
