// Issue 15: Bursar calls a SmartBill invoice its own only when the document carries the request's mark.
// Real PostgreSQL, the SmartBill sandbox over HTTP (its PDFs are compressed, text in kerned runs).
import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getInvoiceRequest } from "@/db/queries/invoices";
import { invoiceAlarms, invoiceRequests, outsideInvoices } from "@/db/schema";
import { createTestDb, type TestDb } from "@/test/db";
import { createInvoicingSchool } from "@/test/invoicing";
import { DEMO, SCHOOL_CIF, startSandbox, type Sandbox } from "@/test/sandbox";
import { resolved } from "../deps";
import { createManualRequest } from "../requests/manual";
import { claimNext, confirmClaim, payloadForSend } from "./claim";
import { drainSeries } from "./drain";
import { markText } from "./mark";
import { MAX_PROOF_READS } from "./prove";
import { recordIssued } from "./record";
import { storeNextNumber } from "./series";
import { linkInvoice, markNotCreated, reconcileRequest, sweepExpiredLeases } from "./reconcile";

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

const docs = async () => (await sandbox.admin.listInvoices({ cif: SCHOOL_CIF, seriesName: "BRS", limit: 1000 })).filter((i) => !i.isDraft);
const request = (s: { orgId: string }, id: string) => getInvoiceRequest(t.db, s.orgId, id).then((r) => r!);

/** A colleague issuing in the same series through the API: the same body, the same total, no Bursar mark. */
async function colleagueIssues(body: Record<string, unknown>): Promise<string> {
  const { mentions: _mark, ...rest } = body;
  const res = await sandbox.call("POST", "/invoice/v2", { json: { ...rest, companyVatCode: SCHOOL_CIF } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { number: string }).number;
}

describe("proof by the mark", () => {
  it("a colleague's invoice with the same total in the same series + a 500 on Bursar's create: not adopted; re-sent with its own number; the colleague's listed as outside", async () => {
    const s = await createInvoicingSchool(t, sandbox, { count: 1 });
    const deps = s.deps();
    await sandbox.admin.addFault({ account: DEMO.email, kind: "html_500", path: "/invoice/v2" });
    const r = await createManualRequest(t.db, { orgId: s.orgId, actorUserId: s.staffId, registrationId: s.registrations[0]!, clientRequestId: randomUUID() });
    expect((await drainSeries(deps, s.orgId, SCHOOL_CIF, "BRS")).inDoubt).toEqual([r.request.id]);
    // At that moment a colleague issues the same course, same price, in the same series: the series moved
    // by exactly one and the invoice there has the request's total. Only the mark tells them apart.
    const sent = await request(s, r.request.id);
    const colleague = await colleagueIssues(sent.payload);
    expect((await docs()).find((d) => d.number === colleague)!.total).toBe(sent.totalBani);

    expect(await reconcileRequest(deps, s.orgId, r.request.id)).toBe("proved_not_created");
    expect(await request(s, r.request.id)).toMatchObject({ status: "queued", evidence: { verdict: "not_created", candidates: [{ number: colleague, read: "no_mark" }] } });
    expect((await drainSeries(deps, s.orgId, SCHOOL_CIF, "BRS")).issued).toEqual([r.request.id]);
    const issued = await request(s, r.request.id);
    expect(issued.issuedNumber).not.toBe(colleague);
    expect((await docs()).find((d) => d.number === issued.issuedNumber)!.mentions).toContain(markText(issued.mark!));
    const outside = await t.db.select().from(outsideInvoices).where(and(eq(outsideInvoices.orgId, s.orgId), eq(outsideInvoices.number, colleague)));
    expect(outside).toHaveLength(1);
  });

  it("a request sent again after a proof starts without that proof's evidence, so its new doubt is proved on its own", async () => {
    const s = await createInvoicingSchool(t, sandbox, { count: 1 });
    const deps = s.deps();
    await sandbox.admin.addFault({ account: DEMO.email, kind: "html_500", path: "/invoice/v2" });
    const r = await createManualRequest(t.db, { orgId: s.orgId, actorUserId: s.staffId, registrationId: s.registrations[0]!, clientRequestId: randomUUID() });
    await drainSeries(deps, s.orgId, SCHOOL_CIF, "BRS");
    expect(await reconcileRequest(deps, s.orgId, r.request.id)).toBe("proved_not_created");
    expect((await request(s, r.request.id)).evidence).toMatchObject({ verdict: "not_created" });
    await sandbox.admin.addFault({ account: DEMO.email, kind: "timeout_after_store", path: "/invoice/v2", ms: 5_000 });
    expect((await drainSeries(deps, s.orgId, SCHOOL_CIF, "BRS")).inDoubt).toEqual([r.request.id]);
    expect(await request(s, r.request.id)).toMatchObject({ status: "in_doubt", evidence: null });
    expect(await reconcileRequest(deps, s.orgId, r.request.id)).toBe("linked");
  });

  it("Link refuses another registration's number, a colleague's number and a number already linked", async () => {
    const s = await createInvoicingSchool(t, sandbox, { count: 3 });
    const deps = s.deps();
    const done = await createManualRequest(t.db, { orgId: s.orgId, actorUserId: s.staffId, registrationId: s.registrations[1]!, clientRequestId: randomUUID() });
    await drainSeries(deps, s.orgId, SCHOOL_CIF, "BRS");
    const other = await request(s, done.request.id);
    await sandbox.admin.addFault({ account: DEMO.email, kind: "html_500", path: "/invoice/v2" });
    const r = await createManualRequest(t.db, { orgId: s.orgId, actorUserId: s.staffId, registrationId: s.registrations[0]!, clientRequestId: randomUUID() });
    await drainSeries(deps, s.orgId, SCHOOL_CIF, "BRS");
    const colleague = await colleagueIssues((await request(s, r.request.id)).payload);
    const link = (number: string) => linkInvoice(deps, { orgId: s.orgId, actorUserId: s.adminId, requestId: r.request.id, number });
    // Another registration's invoice: already linked to its own request.
    await expect(link(other.issuedNumber!)).rejects.toThrow("invoicing.errors.numberAlreadyLinked");
    // Free it in the database to show the document itself is refused too: it carries the other request's mark.
    await t.db.update(invoiceRequests).set({ issuedNumber: null }).where(eq(invoiceRequests.id, other.id));
    await expect(link(other.issuedNumber!)).rejects.toMatchObject({ message: "invoicing.errors.linkOtherMark", detail: expect.stringContaining(markText(other.mark!)) });
    await expect(link(colleague)).rejects.toThrow("invoicing.errors.linkNoMark");
    expect((await request(s, r.request.id)).status).toBe("in_doubt");
    // The schema too: two requests never hold one number.
    await t.db.update(invoiceRequests).set({ issuedNumber: other.issuedNumber }).where(eq(invoiceRequests.id, other.id));
    await expect(t.db.update(invoiceRequests).set({ issuedSeries: "BRS", issuedNumber: other.issuedNumber }).where(eq(invoiceRequests.id, r.request.id))).rejects.toThrow();
  });

  it("two documents carrying one mark: a duplicate alarm, the series blocked until a person links one", async () => {
    const s = await createInvoicingSchool(t, sandbox, { count: 2 });
    const deps = s.deps();
    await sandbox.admin.addFault({ account: DEMO.email, kind: "timeout_after_store", path: "/invoice/v2", ms: 5_000 });
    const r = await createManualRequest(t.db, { orgId: s.orgId, actorUserId: s.staffId, registrationId: s.registrations[0]!, clientRequestId: randomUUID() });
    await drainSeries(deps, s.orgId, SCHOOL_CIF, "BRS");
    // Somebody re-sends the very same body (mark included) by hand: two documents now carry the mark.
    const sent = await request(s, r.request.id);
    const res = await sandbox.call("POST", "/invoice/v2", { json: { ...sent.payload, companyVatCode: SCHOOL_CIF } });
    const second = ((await res.json()) as { number: string }).number;
    expect(await reconcileRequest(deps, s.orgId, r.request.id)).toBe("needs_person");
    const held = await request(s, r.request.id);
    expect(held).toMatchObject({ status: "in_doubt", evidence: { verdict: "duplicate" } });
    const [alarm] = await t.db.select().from(invoiceAlarms).where(eq(invoiceAlarms.requestId, r.request.id));
    expect(alarm).toMatchObject({ kind: "duplicate", number: second });
    const next = await createManualRequest(t.db, { orgId: s.orgId, actorUserId: s.staffId, registrationId: s.registrations[1]!, clientRequestId: randomUUID() });
    expect((await drainSeries(deps, s.orgId, SCHOOL_CIF, "BRS")).stopped).toBe("blocked");
    const first = held.evidence!.candidates.find((c) => c.read === "own_mark")!.number;
    await linkInvoice(deps, { orgId: s.orgId, actorUserId: s.adminId, requestId: r.request.id, number: first });
    expect((await drainSeries(deps, s.orgId, SCHOOL_CIF, "BRS")).issued).toEqual([next.request.id]);
  });
});

describe("a create that lands late", () => {
  it("lands inside the grace period while a person issues the same total in the series: linked to its own document, not re-sent; 'Not created' refused until the grace is over", async () => {
    const s = await createInvoicingSchool(t, sandbox, { count: 1 });
    await sandbox.admin.addFault({ account: DEMO.email, kind: "late_commit", path: "/invoice/v2", ms: 800 });
    const r = await createManualRequest(t.db, { orgId: s.orgId, actorUserId: s.staffId, registrationId: s.registrations[0]!, clientRequestId: randomUUID() });
    const grace = s.deps({ reconcileGraceMs: 60_000 });
    expect((await drainSeries(grace, s.orgId, SCHOOL_CIF, "BRS")).inDoubt).toEqual([r.request.id]);
    // At the same moment a person issues an invoice with the same total in SmartBill's own screens.
    const person = await sandbox.admin.issueAsPerson({ cif: SCHOOL_CIF, seriesName: "BRS", totalBani: r.request.totalBani });
    expect(await reconcileRequest(grace, s.orgId, r.request.id)).toBe("too_early");
    await expect(markNotCreated(grace, { orgId: s.orgId, actorUserId: s.adminId, requestId: r.request.id })).rejects.toThrow("invoicing.errors.tooEarlyToDecide");
    await sandbox.admin.settle({});
    // After the grace: the late document carries the mark; the person's does not.
    expect(await reconcileRequest(s.deps(), s.orgId, r.request.id)).toBe("linked");
    const linked = await request(s, r.request.id);
    expect(linked.issuedNumber).not.toBe(person.number);
    const carrying = (await docs()).filter((d) => d.mentions?.includes(markText(linked.mark!)));
    expect(carrying.map((d) => d.number)).toEqual([linked.issuedNumber]);
    expect(linked.evidence!.candidates.find((c) => c.number === person.number)).toMatchObject({ read: "no_mark" });
  });
});

describe("the series' next number a proof reads from", () => {
  it("is never one asked before the grace ended (the create may have landed after it); one asked after spares a GET /series", async () => {
    const s = await createInvoicingSchool(t, sandbox, { count: 2 });
    const ref = { orgId: s.orgId, cif: SCHOOL_CIF, series: "BRS" };
    const grace = 1_000;
    const deps = s.deps({ reconcileGraceMs: grace });
    await sandbox.admin.addFault({ account: DEMO.email, kind: "timeout_after_store", path: "/invoice/v2", ms: 5_000 });
    const a = await createManualRequest(t.db, { orgId: s.orgId, actorUserId: s.staffId, registrationId: s.registrations[0]!, clientRequestId: randomUUID() });
    expect((await drainSeries(deps, s.orgId, SCHOOL_CIF, "BRS")).inDoubt).toEqual([a.request.id]);
    const mark = markText((await request(s, a.request.id)).mark!);
    const landed = (await docs()).find((d) => d.mentions?.includes(mark))!;
    // A read from before the create landed: SmartBill's next number was the landed one. Trusting it would
    // leave the landed document out of the proof, call it "not created" and send it again.
    await t.db.execute(sql`
      update invoice_series set next_number = ${Number(landed.number)}, next_read_at = now() - interval '1 hour'
      where org_id = ${s.orgId} and company_cif = ${SCHOOL_CIF} and series_name = 'BRS'`);
    await new Promise((r) => setTimeout(r, grace));
    await sandbox.mark();
    expect(await reconcileRequest(deps, s.orgId, a.request.id)).toBe("linked");
    expect((await sandbox.calls()).filter((c) => c.path === "/series")).toHaveLength(1);
    expect((await request(s, a.request.id)).issuedNumber).toBe(landed.number);

    // A second doubt; another proof (or a drain) asks SmartBill after this one's grace ended: taken as is.
    await sandbox.admin.addFault({ account: DEMO.email, kind: "timeout_after_store", path: "/invoice/v2", ms: 5_000 });
    const b = await createManualRequest(t.db, { orgId: s.orgId, actorUserId: s.staffId, registrationId: s.registrations[1]!, clientRequestId: randomUUID() });
    expect((await drainSeries(deps, s.orgId, SCHOOL_CIF, "BRS")).inDoubt).toEqual([b.request.id]);
    await new Promise((r) => setTimeout(r, grace));
    const next = (await sandbox.sb.series.list(sandbox.creds, { type: "f" })).find((x) => x.name === "BRS")!.nextNumber;
    await storeNextNumber(t.db, ref, next, 0);
    await sandbox.mark();
    expect(await reconcileRequest(deps, s.orgId, b.request.id)).toBe("linked");
    expect((await sandbox.calls()).filter((c) => c.path === "/series")).toHaveLength(0);
  });
});

describe("proofs at the same time", () => {
  it("read each document once between them", async () => {
    const s = await createInvoicingSchool(t, sandbox, { count: 2 });
    const deps = s.deps();
    await sandbox.admin.addFault({ account: DEMO.email, kind: "timeout_after_store", path: "/invoice/v2", ms: 5_000, count: 2 });
    const ids = [];
    for (const registrationId of s.registrations) ids.push((await createManualRequest(t.db, { orgId: s.orgId, actorUserId: s.staffId, registrationId, clientRequestId: randomUUID() })).request.id);
    expect((await drainSeries(deps, s.orgId, SCHOOL_CIF, "BRS")).inDoubt.sort()).toEqual([...ids].sort());
    await sandbox.mark();
    expect(await Promise.all(ids.map((id) => reconcileRequest(deps, s.orgId, id)))).toEqual(["linked", "linked"]);
    // Two documents, each read once, whichever proof asked first.
    expect((await sandbox.calls()).filter((c) => c.path === "/invoice/pdf")).toHaveLength(2);
  });

  it("more candidates than one proof reads: the next rounds go on from what was read, in the same reconcile", async () => {
    const s = await createInvoicingSchool(t, sandbox, { count: 1 });
    // Bursar's create lands late, after colleagues issued 30 invoices in the series: its document is
    // past the first round's reads.
    await sandbox.admin.addFault({ account: DEMO.email, kind: "late_commit", path: "/invoice/v2", ms: 800 });
    const r = await createManualRequest(t.db, { orgId: s.orgId, actorUserId: s.staffId, registrationId: s.registrations[0]!, clientRequestId: randomUUID() });
    expect((await drainSeries(s.deps({ reconcileGraceMs: 60_000 }), s.orgId, SCHOOL_CIF, "BRS")).inDoubt).toEqual([r.request.id]);
    const payload = (await request(s, r.request.id)).payload;
    for (let i = 0; i < MAX_PROOF_READS + 5; i++) await colleagueIssues(payload);
    await sandbox.admin.settle({});
    await sandbox.mark();
    expect(await reconcileRequest(s.deps(), s.orgId, r.request.id)).toBe("linked");
    const linked = await request(s, r.request.id);
    expect(linked.evidence!.candidates.filter((c) => c.read === "own_mark").map((c) => c.number)).toEqual([linked.issuedNumber]);
    // Every document read once: the colleagues' 30 and its own, over two rounds.
    expect((await sandbox.calls()).filter((c) => c.path === "/invoice/pdf")).toHaveLength(MAX_PROOF_READS + 6);
  });

  it("a proof reads its candidates a few at a time, not one after another", async () => {
    const s = await createInvoicingSchool(t, sandbox, { count: 1 });
    await sandbox.admin.addFault({ account: DEMO.email, kind: "timeout_after_store", path: "/invoice/v2", ms: 5_000 });
    const r = await createManualRequest(t.db, { orgId: s.orgId, actorUserId: s.staffId, registrationId: s.registrations[0]!, clientRequestId: randomUUID() });
    expect((await drainSeries(s.deps(), s.orgId, SCHOOL_CIF, "BRS")).inDoubt).toEqual([r.request.id]);
    // Four colleagues' invoices after it: five documents to read.
    for (let i = 0; i < 4; i++) await colleagueIssues((await request(s, r.request.id)).payload);
    await sandbox.admin.addFault({ account: DEMO.email, kind: "latency", path: "/invoice/pdf", method: "GET", ms: 200, count: 5 });
    let now = 0;
    let most = 0;
    const sb = sandbox.sb;
    const counting = {
      ...sb,
      invoices: {
        ...sb.invoices,
        pdf: async (...a: Parameters<typeof sb.invoices.pdf>) => {
          most = Math.max(most, ++now);
          try {
            return await sb.invoices.pdf(...a);
          } finally {
            now--;
          }
        },
      },
    };
    expect(await reconcileRequest(s.deps({ sb: counting }), s.orgId, r.request.id)).toBe("linked");
    expect((await request(s, r.request.id)).evidence!.candidates).toHaveLength(5);
    expect(most).toBeGreaterThan(1);
    expect(most).toBeLessThanOrEqual(4);
  });
});

describe("the claim fence", () => {
  it("a drainer stalled past its lease cannot send once the request moved on, and its late issued answer becomes an alarm", async () => {
    const s = await createInvoicingSchool(t, sandbox, { count: 1 });
    const deps = s.deps();
    const o = resolved(deps);
    const r = await createManualRequest(t.db, { orgId: s.orgId, actorUserId: s.staffId, registrationId: s.registrations[0]!, clientRequestId: randomUUID() });
    const ref = { orgId: s.orgId, cif: SCHOOL_CIF, series: "BRS" };
    const stale = await claimNext(t.db, ref, o.leaseMs, "2026-12-07");
    if (typeof stale === "string") throw new Error(stale);
    // The drainer stalls (an injected stall: its lease runs out); the sweeper moves the request on.
    await t.db.update(invoiceRequests).set({ leaseUntil: sql`now() - interval '1 second'` }).where(eq(invoiceRequests.id, r.request.id));
    expect(await sweepExpiredLeases(t.db, s.orgId)).toEqual([r.request.id]);
    expect(await reconcileRequest(deps, s.orgId, r.request.id)).toBe("proved_not_created");
    const before = (await docs()).length;
    // Waking up, it re-checks its claim right before the create: gone, so nothing is sent.
    expect(await confirmClaim(t.db, s.orgId, stale, o.leaseMs)).toBe(false);
    expect((await drainSeries(deps, s.orgId, SCHOOL_CIF, "BRS")).issued).toEqual([r.request.id]);
    expect((await docs()).length - before).toBe(1);
    // Had it sent before stalling, its issued answer finds the request someone else's: an alarm, not a drop.
    const fake = { series: "BRS", number: "99999", isDraft: false } as const;
    expect(await recordIssued(t.db, ref, stale, fake)).toBe("alarm");
    const [alarm] = await t.db.select().from(invoiceAlarms).where(and(eq(invoiceAlarms.orgId, s.orgId), eq(invoiceAlarms.number, "99999")));
    expect(alarm).toMatchObject({ kind: "late_answer", requestId: r.request.id });
    expect((await request(s, r.request.id)).issuedNumber).not.toBe("99999");
  });

  it("the issue date is the day the create is sent (a request made days ago, after a pause), its due date moved with it", async () => {
    const s = await createInvoicingSchool(t, sandbox, { count: 1 });
    const r = await createManualRequest(t.db, { orgId: s.orgId, actorUserId: s.staffId, registrationId: s.registrations[0]!, clientRequestId: randomUUID() });
    const made = r.request.payload as { issueDate: string; dueDate?: string };
    await t.db
      .update(invoiceRequests)
      .set({ payload: { ...r.request.payload, issueDate: "2026-11-20", dueDate: "2026-12-04" } })
      .where(eq(invoiceRequests.id, r.request.id));
    await drainSeries(s.deps(), s.orgId, SCHOOL_CIF, "BRS");
    const issued = await request(s, r.request.id);
    const doc = (await docs()).find((d) => d.number === issued.issuedNumber)!;
    expect(doc.issueDate).toBe(made.issueDate);
    expect(issued.payload).toMatchObject({ issueDate: made.issueDate });
  });

  it("payloadForSend stamps the day and the mark once", () => {
    const p = payloadForSend({ issueDate: "2026-11-20", dueDate: "2026-12-04", mentions: "Ref. BRS-1" }, { today: "2026-12-07", mark: "7KQ2M-X9TRA" });
    expect(p).toMatchObject({ issueDate: "2026-12-07", dueDate: "2026-12-21", mentions: "Ref. BRS-1\nRef. Bursar 7KQ2M-X9TRA" });
    expect(payloadForSend(p, { today: "2026-12-07", mark: "7KQ2M-X9TRA" }).mentions).toBe(p.mentions);
  });
});
