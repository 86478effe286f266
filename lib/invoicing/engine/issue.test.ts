// Exactly-once issuing on real PostgreSQL against the SmartBill sandbox over HTTP.
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createDb } from "@/db/client";
import { getInvoiceRequest, listRegistrationInvoices } from "@/db/queries/invoices";
import { invoiceRequests } from "@/db/schema";
import { countIssuedLast30Days } from "@/lib/billing/health";
import { createTestDb, type TestDb } from "@/test/db";
import { createInvoicingSchool } from "@/test/invoicing";
import { DEMO, invoiceBody, SCHOOL_CIF, startSandbox, type Sandbox } from "@/test/sandbox";
import { widthOf } from "./series";
import { drainSeries } from "./drain";
import { previewInvoice } from "../views/preview";
import { linkInvoice, markNotCreated, reconcileRequest } from "./reconcile";
import { createManualRequest } from "../requests/manual";
import { retryFailedRequests } from "../requests/retry";

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

const invoicesInSandbox = async () => (await sandbox.admin.listInvoices({ cif: SCHOOL_CIF, seriesName: "BRS", limit: 1000 })).filter((i) => !i.isDraft);

describe("drainSeries", () => {
  it("20 concurrent Issue calls from separate connections and two drainers make exactly one SmartBill invoice", async () => {
    const s = await createInvoicingSchool(t, sandbox, { count: 1 });
    const before = (await invoicesInSandbox()).length;
    const [registrationId] = s.registrations;
    const handles = Array.from({ length: 20 }, () => createDb(t.url, { max: 1 }));
    const doubleClick = randomUUID();
    try {
      // Half are one staff member's double clicks (same id), half other staff members (own ids).
      const results = await Promise.allSettled(
        handles.map((h, i) =>
          createManualRequest(h.db, { orgId: s.orgId, actorUserId: s.staffId, registrationId: registrationId!, clientRequestId: i % 2 ? doubleClick : randomUUID() }),
        ),
      );
      const ok = results.filter((r) => r.status === "fulfilled").map((r) => r.value.request.id);
      expect(new Set(ok).size).toBe(1);
      expect(results.filter((r) => r.status === "fulfilled" && r.value.created)).toHaveLength(1);
      // Two drainers on separate pools at once.
      const [a, b] = await Promise.all([
        drainSeries({ ...s.deps(), db: handles[0]!.db }, s.orgId, SCHOOL_CIF, "BRS"),
        drainSeries({ ...s.deps(), db: handles[1]!.db }, s.orgId, SCHOOL_CIF, "BRS"),
      ]);
      expect([...a.issued, ...b.issued]).toEqual([ok[0]]);
    } finally {
      await Promise.all(handles.map((h) => h.close()));
    }
    const after = await invoicesInSandbox();
    expect(after.length - before).toBe(1);
    const [req] = await listRegistrationInvoices(t.db, s.orgId, registrationId!);
    expect(req).toMatchObject({ status: "issued", issuedSeries: "BRS", issuedNumber: after.at(-1)!.number, totalBani: 100_000 });
    // The series' width is learnt from the number, so an expected number can be written the same way.
    expect(req!.padWidth).toBe(widthOf(after.at(-1)!.number) ?? null);
    expect(after.at(-1)!.total).toBe(100_000);
    expect(req!.attempts.map((x) => x.outcome)).toEqual(["issued"]);
    // Settings → Billing's "invoices issued in the last 30 days" counts these records.
    expect(await countIssuedLast30Days(t.db, s.orgId)).toBe(1);
    // A further click on the issued registration is refused: nothing left to invoice.
    await expect(createManualRequest(t.db, { orgId: s.orgId, actorUserId: s.staffId, registrationId: registrationId!, clientRequestId: randomUUID() })).rejects.toThrow(
      "invoicing.errors.alreadyInvoiced",
    );
  });

  it("a timeout after SmartBill stored the invoice goes in_doubt without holding the series; reconcile links the document carrying its mark", async () => {
    const s = await createInvoicingSchool(t, sandbox, { count: 2 });
    const deps = s.deps();
    const before = (await invoicesInSandbox()).length;
    await sandbox.admin.addFault({ account: DEMO.email, kind: "timeout_after_store", path: "/invoice/v2", ms: 5_000 });
    const first = await createManualRequest(t.db, { orgId: s.orgId, actorUserId: s.staffId, registrationId: s.registrations[0]!, clientRequestId: randomUUID(), amountBani: 45_050 });
    const drained = await drainSeries(deps, s.orgId, SCHOOL_CIF, "BRS");
    expect(drained).toMatchObject({ stopped: "empty", inDoubt: [first.request.id] });
    // In doubt no longer freezes the series: the next request goes at once.
    const second = await createManualRequest(t.db, { orgId: s.orgId, actorUserId: s.staffId, registrationId: s.registrations[1]!, clientRequestId: randomUUID() });
    expect((await drainSeries(deps, s.orgId, SCHOOL_CIF, "BRS")).issued).toEqual([second.request.id]);

    expect(await reconcileRequest(deps, s.orgId, first.request.id)).toBe("linked");
    const stored = await invoicesInSandbox();
    expect(stored.length - before).toBe(2);
    const linked = (await getInvoiceRequest(t.db, s.orgId, first.request.id))!;
    const doc = stored.find((i) => i.number === linked.issuedNumber)!;
    expect(linked).toMatchObject({ status: "issued", totalBani: 45_050 });
    expect(doc.total).toBe(45_050);
    expect(doc.mentions).toContain(`Ref. Bursar ${linked.mark}`);
    expect(linked.evidence).toMatchObject({ verdict: "linked", candidates: [{ number: doc.number, read: "own_mark" }] });
  });

  it("too early to reconcile: nothing is decided inside the grace period", async () => {
    const s = await createInvoicingSchool(t, sandbox, { count: 1 });
    await sandbox.admin.addFault({ account: DEMO.email, kind: "timeout_after_store", path: "/invoice/v2", ms: 5_000 });
    const r = await createManualRequest(t.db, { orgId: s.orgId, actorUserId: s.staffId, registrationId: s.registrations[0]!, clientRequestId: randomUUID() });
    await drainSeries(s.deps(), s.orgId, SCHOOL_CIF, "BRS");
    expect(await reconcileRequest(s.deps({ reconcileGraceMs: 60_000 }), s.orgId, r.request.id)).toBe("too_early");
    expect(await reconcileRequest(s.deps(), s.orgId, r.request.id)).toBe("linked");
  });

  it("a 500 HTML is proved not created by its mark and sent again; a 200 with errorText fails retryable; each ends with one invoice", async () => {
    const s = await createInvoicingSchool(t, sandbox, { count: 2 });
    const deps = s.deps();
    const before = (await invoicesInSandbox()).length;
    await sandbox.admin.addFault({ account: DEMO.email, kind: "html_500", path: "/invoice/v2" });
    const html = await createManualRequest(t.db, { orgId: s.orgId, actorUserId: s.staffId, registrationId: s.registrations[0]!, clientRequestId: randomUUID() });
    // A 5xx to a create is ambiguous: in doubt, then proved not created (no document carries its mark) and re-queued.
    expect((await drainSeries(deps, s.orgId, SCHOOL_CIF, "BRS")).inDoubt).toEqual([html.request.id]);
    expect(await reconcileRequest(deps, s.orgId, html.request.id)).toBe("proved_not_created");
    expect(await getInvoiceRequest(t.db, s.orgId, html.request.id)).toMatchObject({ status: "queued", evidence: { verdict: "not_created" } });
    expect((await drainSeries(deps, s.orgId, SCHOOL_CIF, "BRS")).issued).toEqual([html.request.id]);

    await sandbox.admin.addFault({ account: DEMO.email, kind: "error_text_200", path: "/invoice/v2", errorText: "Eroare simulata de sandbox." });
    const text = await createManualRequest(t.db, { orgId: s.orgId, actorUserId: s.staffId, registrationId: s.registrations[1]!, clientRequestId: randomUUID() });
    expect((await drainSeries(deps, s.orgId, SCHOOL_CIF, "BRS")).failed).toEqual([text.request.id]);
    expect(await getInvoiceRequest(t.db, s.orgId, text.request.id)).toMatchObject({
      status: "failed",
      failureType: "unknown",
      failureReason: "invoicing.failures.unknown",
      failureText: "Eroare simulata de sandbox.",
      retryable: true,
    });
    expect((await invoicesInSandbox()).length - before).toBe(1);

    const retried = await retryFailedRequests(t.db, { orgId: s.orgId, actorUserId: s.staffId });
    expect(retried.retried.map((r) => r.id)).toEqual([text.request.id]);
    expect((await drainSeries(deps, s.orgId, SCHOOL_CIF, "BRS")).issued).toHaveLength(1);
    expect((await invoicesInSandbox()).length - before).toBe(2);
  });

  it("a definite rejection (unknown series) fails with its type and link, and is not bulk-retried", async () => {
    const s = await createInvoicingSchool(t, sandbox, { count: 1 });
    const r = await createManualRequest(t.db, { orgId: s.orgId, actorUserId: s.staffId, registrationId: s.registrations[0]!, clientRequestId: randomUUID() });
    // The series was renamed after the request was made: SmartBill does not know it.
    await t.db.update(invoiceRequests).set({ seriesName: "NOPE", payload: { ...r.request.payload, seriesName: "NOPE" } }).where(eq(invoiceRequests.id, r.request.id));
    // The next-number read finds no such series: its requests fail before any create is spent.
    const out = await drainSeries(s.deps(), s.orgId, SCHOOL_CIF, "NOPE");
    expect(out).toMatchObject({ stopped: "series_missing", failed: [r.request.id] });
    expect(await getInvoiceRequest(t.db, s.orgId, r.request.id)).toMatchObject({ status: "failed", failureType: "series", retryable: false });
    expect((await retryFailedRequests(t.db, { orgId: s.orgId, actorUserId: s.staffId })).retried).toHaveLength(0);
    expect(await getInvoiceRequest(t.db, s.orgId, r.request.id)).toMatchObject({ attemptCount: 0 });
  });
});

describe("reconcile for a person", () => {
  it("someone else issued into the series meanwhile: reconcile still links the document with the mark; Link refuses other numbers", async () => {
    const s = await createInvoicingSchool(t, sandbox, { count: 1 });
    const deps = s.deps();
    await sandbox.admin.addFault({ account: DEMO.email, kind: "timeout_after_store", path: "/invoice/v2", ms: 5_000 });
    const r = await createManualRequest(t.db, { orgId: s.orgId, actorUserId: s.staffId, registrationId: s.registrations[0]!, clientRequestId: randomUUID(), amountBani: 12_345 });
    // The open request counts against the balance: what is left to invoice is the rest.
    expect((await previewInvoice(deps, s.orgId, { registrationId: s.registrations[0]! })).uninvoicedBani).toBe(87_655);
    await drainSeries(deps, s.orgId, SCHOOL_CIF, "BRS");
    const ours = (await invoicesInSandbox()).at(-1)!;
    // An invoice issued by another API client right after ours: the series moved by two.
    const other = await sandbox.call("POST", "/invoice/v2", { json: invoiceBody({ products: [{ name: "Altceva", quantity: 1, price: 5, measuringUnitName: "buc", taxName: "Normala", taxPercentage: 21 }] }) });
    expect(other.status).toBe(200);
    const otherNumber = ((await other.json()) as { number: string }).number;
    // Link is checked against the document before anything: a number without the mark is refused.
    await expect(linkInvoice(deps, { orgId: s.orgId, actorUserId: s.adminId, requestId: r.request.id, number: "9999" })).rejects.toThrow("invoicing.errors.invoiceNotFoundInSmartBill");
    await expect(linkInvoice(deps, { orgId: s.orgId, actorUserId: s.adminId, requestId: r.request.id, number: otherNumber })).rejects.toThrow("invoicing.errors.linkNoMark");
    expect(await reconcileRequest(deps, s.orgId, r.request.id)).toBe("linked");
    const linked = (await getInvoiceRequest(t.db, s.orgId, r.request.id))!;
    expect(linked).toMatchObject({ status: "issued", issuedNumber: ours.number });
    expect(linked.evidence).toMatchObject({ verdict: "linked", candidates: [{ number: ours.number, read: "own_mark", totalBani: 12_345 }, { number: otherNumber, read: "no_mark" }] });
    await expect(markNotCreated(deps, { orgId: s.orgId, actorUserId: s.adminId, requestId: r.request.id })).rejects.toThrow("invoicing.errors.notInDoubt");
  });

  it("the preview shows the payload, the totals and the series' live next number; 'Not created' puts an in-doubt request back in the queue", async () => {
    const s = await createInvoicingSchool(t, sandbox, { count: 1 });
    const deps = s.deps();
    const preview = await previewInvoice(deps, s.orgId, { registrationId: s.registrations[0]! });
    const [series] = (await sandbox.sb.series.list(sandbox.creds, { type: "f" })).filter((x) => x.name === "BRS");
    expect(preview).toMatchObject({ uninvoicedBani: 100_000, nextNumber: series!.nextNumber, plan: { seriesName: "BRS", totals: { totalBani: 100_000 } } });
    await sandbox.admin.addFault({ account: DEMO.email, kind: "html_500", path: "/invoice/v2" });
    const r = await createManualRequest(t.db, { orgId: s.orgId, actorUserId: s.staffId, registrationId: s.registrations[0]!, clientRequestId: randomUUID() });
    await drainSeries(deps, s.orgId, SCHOOL_CIF, "BRS");
    // Inside the grace period a late create can still land: "Not created" is refused.
    await expect(markNotCreated(s.deps({ reconcileGraceMs: 60_000 }), { orgId: s.orgId, actorUserId: s.adminId, requestId: r.request.id })).rejects.toThrow("invoicing.errors.tooEarlyToDecide");
    expect((await markNotCreated(deps, { orgId: s.orgId, actorUserId: s.adminId, requestId: r.request.id })).verdict).toBe("not_created");
    expect((await drainSeries(deps, s.orgId, SCHOOL_CIF, "BRS")).issued).toEqual([r.request.id]);
  });
});
