// The reconcile view's cases: read from the database only (what reconcile stored), never from SmartBill.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getInvoiceRequest } from "@/db/queries/invoices";
import type { ProofCandidate, ReconcileEvidence } from "@/db/schema";
import type { SmartBill } from "@/lib/smartbill";
import { createTestDb, type TestDb } from "@/test/db";
import { createInvoicingSchool } from "@/test/invoicing";
import { DEMO, invoiceBody, SCHOOL_CIF, startSandbox, type Sandbox } from "@/test/sandbox";
import { drainSeries } from "../engine/drain";
import { reconcileRequest } from "../engine/reconcile";
import { listReconcileCases, reconcileFacts } from "./evidence";
import { createManualRequest } from "../requests/manual";

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

/** The sandbox's client with every SmartBill call refused: only its config may be read. */
function noCalls(sb: SmartBill): SmartBill {
  return new Proxy(sb, {
    get(target, prop, receiver) {
      if (prop === "config") return Reflect.get(target, prop, receiver);
      throw new Error(`SmartBill was asked (${String(prop)}) while listing the cases`);
    },
  });
}

const evidence = (candidates: ProofCandidate[], verdict: ReconcileEvidence["verdict"]): ReconcileEvidence => ({
  checkedAt: "2026-12-01T10:00:00.000Z",
  nextNumberNow: "5",
  fromNumber: "2",
  candidates,
  skipped: 0,
  verdict,
});
const own = (number: string, totalBani = 50_000): ProofCandidate => ({ number, read: "own_mark", marks: ["7KQ2M-X9TRA"], totalBani });
const unreadable = (number: string): ProofCandidate => ({ number, read: "unreadable", marks: [], totalBani: null, detail: "server 502" });
const noMark = (number: string): ProofCandidate => ({ number, read: "no_mark", marks: [], totalBani: null });

describe("reconcileFacts", () => {
  const now = new Date("2026-12-01T10:00:00Z");
  const past = new Date("2026-12-01T09:59:00Z");
  const future = new Date("2026-12-01T10:01:00Z");

  it("not checked yet: nothing to link, and no 'Not created' (whether the grace period runs or not)", () => {
    expect(reconcileFacts({ evidence: null }, future, now)).toEqual({ ownNumbers: [], suggestedNumber: null, unreadable: 0, inGrace: true, canMarkNotCreated: false });
    expect(reconcileFacts({ evidence: null }, past, now)).toMatchObject({ inGrace: false, canMarkNotCreated: false });
  });

  it("a document with the mark: Link is prefilled with it and 'Not created' is not offered", () => {
    expect(reconcileFacts({ evidence: evidence([noMark("0002"), own("0003", 1)], "total_differs") }, past, now)).toEqual({
      ownNumbers: ["0003"],
      suggestedNumber: "0003",
      unreadable: 0,
      inGrace: false,
      canMarkNotCreated: false,
    });
    expect(reconcileFacts({ evidence: evidence([own("0002"), own("0004")], "duplicate") }, past, now)).toMatchObject({ ownNumbers: ["0002", "0004"], suggestedNumber: "0002", canMarkNotCreated: false });
  });

  it("no mark found after the grace period: 'Not created' is offered, with the unreadable ones counted", () => {
    expect(reconcileFacts({ evidence: evidence([noMark("0002"), unreadable("0003"), unreadable("0004")], "unreadable") }, past, now)).toEqual({
      ownNumbers: [],
      suggestedNumber: null,
      unreadable: 2,
      inGrace: false,
      canMarkNotCreated: true,
    });
    expect(reconcileFacts({ evidence: evidence([noMark("0002")], "too_many") }, null, now)).toMatchObject({ canMarkNotCreated: true });
    // Still within the grace period (a send after the last check): not yet.
    expect(reconcileFacts({ evidence: evidence([unreadable("0003")], "unreadable") }, future, now)).toMatchObject({ inGrace: true, canMarkNotCreated: false });
  });
});

describe("listReconcileCases", () => {
  it("before the first check: the mark, the expected number, when the grace period ends; SmartBill is not asked", async () => {
    const s = await createInvoicingSchool(t, sandbox, { count: 1 });
    await sandbox.admin.addFault({ account: DEMO.email, kind: "html_500", path: "/invoice/v2" });
    const r = await createManualRequest(t.db, { orgId: s.orgId, actorUserId: s.staffId, registrationId: s.registrations[0]!, clientRequestId: randomUUID() });
    expect((await drainSeries(s.deps(), s.orgId, SCHOOL_CIF, "BRS")).inDoubt).toEqual([r.request.id]);

    const deps = s.deps({ sb: noCalls(sandbox.sb), reconcileGraceMs: 60_000 });
    const { cases, total } = await listReconcileCases(deps, s.orgId);
    expect(total).toBe(1);
    const c = cases[0]!;
    expect(c.request.id).toBe(r.request.id);
    expect(c.registration.id).toBe(s.registrations[0]);
    expect(c.client.name).toBe("Ștefan Popescu");
    expect(c.mark).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
    expect(c.mark).toBe(r.request.mark);
    expect(c.evidence).toBeNull();
    expect(c.candidates).toEqual([]);
    expect(c.nextNumberNow).toBeNull();
    const sent = (await getInvoiceRequest(t.db, s.orgId, r.request.id))!;
    expect(sent.expectedNumber).toMatch(/^[0-9]+$/);
    expect(Number(c.fromNumber)).toBe(Number(sent.expectedNumber));
    expect(c.sentAt).toBeInstanceOf(Date);
    expect(c.graceEndsAt!.getTime()).toBe(c.sentAt!.getTime() + 60_000);
    expect(c).toMatchObject({ inGrace: true, canMarkNotCreated: false, suggestedNumber: null });
    expect(c.attempts.map((a) => a.outcome)).toEqual(["ambiguous"]);
  });

  it("after a check that could not read a document: the stored evidence, row by row, and 'Not created' offered", async () => {
    const s = await createInvoicingSchool(t, sandbox, { count: 1 });
    // Stored by SmartBill, the answer lost; then someone issued in SmartBill's own UI: two candidates.
    await sandbox.admin.addFault({ account: DEMO.email, kind: "timeout_after_store", path: "/invoice/v2", ms: 5_000 });
    const r = await createManualRequest(t.db, { orgId: s.orgId, actorUserId: s.staffId, registrationId: s.registrations[0]!, clientRequestId: randomUUID(), amountBani: 23_456 });
    expect((await drainSeries(s.deps(), s.orgId, SCHOOL_CIF, "BRS")).inDoubt).toEqual([r.request.id]);
    expect((await sandbox.call("POST", "/invoice/v2", { json: invoiceBody() })).status).toBe(200);
    // Every PDF read fails with a server error: that may pass, so reconcile checks again by itself.
    await sandbox.admin.addFault({ account: DEMO.email, kind: "html_500", path: "/invoice/pdf", count: 20 });
    expect(await reconcileRequest(s.deps(), s.orgId, r.request.id)).toBe("check_later");
    await sandbox.admin.clearFaults({});
    // Every PDF read answers 502 (no such document): nothing can be proved, the request stays for a person.
    await sandbox.admin.addFault({ account: DEMO.email, kind: "status", path: "/invoice/pdf", status: 502, body: "<html>502</html>", contentType: "text/html", count: 40 });
    expect(await reconcileRequest(s.deps(), s.orgId, r.request.id)).toBe("needs_person");

    const [c] = (await listReconcileCases(s.deps({ sb: noCalls(sandbox.sb) }), s.orgId)).cases;
    expect(c!.evidence).toMatchObject({ verdict: "unreadable" });
    expect(c!.candidates.length).toBeGreaterThanOrEqual(2);
    expect(c!.candidates.every((x) => x.read === "unreadable" && !!x.detail)).toBe(true);
    expect(c!.fromNumber).toBe(c!.candidates[0]!.number);
    expect(Number(c!.nextNumberNow)).toBe(Number(c!.candidates.at(-1)!.number) + 1);
    expect(c).toMatchObject({ inGrace: false, canMarkNotCreated: true, unreadable: c!.candidates.length, ownNumbers: [], suggestedNumber: null });

    // Read again once SmartBill answers: the document with this request's mark and its total is linked.
    await sandbox.admin.clearFaults({});
    expect(await reconcileRequest(s.deps(), s.orgId, r.request.id)).toBe("linked");
    expect(await listReconcileCases(s.deps({ sb: noCalls(sandbox.sb) }), s.orgId)).toEqual({ cases: [], total: 0 });
  });

  it("another school's in-doubt requests are not listed", async () => {
    const a = await createInvoicingSchool(t, sandbox, { count: 1 });
    const b = await createInvoicingSchool(t, sandbox, { count: 1 });
    await sandbox.admin.addFault({ account: DEMO.email, kind: "html_500", path: "/invoice/v2" });
    await createManualRequest(t.db, { orgId: a.orgId, actorUserId: a.staffId, registrationId: a.registrations[0]!, clientRequestId: randomUUID() });
    await drainSeries(a.deps(), a.orgId, SCHOOL_CIF, "BRS");
    expect(await listReconcileCases(b.deps({ sb: noCalls(sandbox.sb) }), b.orgId)).toEqual({ cases: [], total: 0 });
  });
});
