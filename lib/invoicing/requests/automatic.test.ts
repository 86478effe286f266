// Package exhausted pauses the school's issuing until Resume; automatic mode makes one request per
// completed trigger even when payments are recorded concurrently; voiding an invoiced payment flags storno.
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "@/db/client";
import { getInvoiceRequest, getInvoicingPause, listRegistrationInvoices } from "@/db/queries/invoices";
import { billingProfiles, invoiceRequests } from "@/db/schema";
import { recordPayment } from "@/lib/registrations/record-payment";
import { voidPayment } from "@/lib/registrations/void-payment";
import { createTestDb, type TestDb } from "@/test/db";
import { createInvoicingSchool } from "@/test/invoicing";
import { SCHOOL_CIF, startSandbox, type Sandbox } from "@/test/sandbox";
import { drainSeries } from "../engine/drain";
import { resumeIssuing } from "../engine/pause";
import { createManualRequest } from "./manual";
import { invoicingTriggers } from "@/lib/invoicing/requests/automatic";

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

const count = async () => (await sandbox.admin.listInvoices({ cif: SCHOOL_CIF, seriesName: "BRS", limit: 1000 })).length;

describe("package exhausted", () => {
  it("pauses all issuing for the school; queued requests wait and continue after Resume", async () => {
    const s = await createInvoicingSchool(t, sandbox, { count: 2 });
    const deps = s.deps();
    const before = await count();
    await sandbox.admin.setQuota({ cif: SCHOOL_CIF, remaining: 0 });
    const ids = [];
    for (const registrationId of s.registrations) {
      ids.push((await createManualRequest(t.db, { orgId: s.orgId, actorUserId: s.staffId, registrationId, clientRequestId: randomUUID() })).request.id);
    }
    expect((await drainSeries(deps, s.orgId, SCHOOL_CIF, "BRS")).stopped).toBe("paused");
    expect(await getInvoicingPause(t.db, s.orgId)).toMatchObject({ reason: "package_exhausted", detail: "Pentru acest pachet s-a emis numarul maxim de documente permis" });
    for (const id of ids) expect((await getInvoiceRequest(t.db, s.orgId, id))!.status).toBe("queued");
    // Paused: nothing is sent, even after the plan is upgraded, until an admin resumes.
    await sandbox.admin.setQuota({ cif: SCHOOL_CIF, remaining: null });
    await sandbox.mark();
    expect((await drainSeries(deps, s.orgId, SCHOOL_CIF, "BRS")).stopped).toBe("paused");
    expect((await sandbox.calls()).filter((c) => c.path === "/invoice/v2")).toHaveLength(0);

    const resumed = await resumeIssuing(t.db, { orgId: s.orgId, actorUserId: s.adminId });
    expect(resumed.series).toEqual([{ orgId: s.orgId, cif: SCHOOL_CIF, series: "BRS" }]);
    expect((await drainSeries(deps, s.orgId, SCHOOL_CIF, "BRS")).issued.sort()).toEqual([...ids].sort());
    expect((await count()) - before).toBe(2);
  });
});

describe("automatic mode", () => {
  const pay = (db: Parameters<typeof recordPayment>[0], orgId: string, registrationId: string, amountBani: number, externalKey?: string) =>
    recordPayment(db, { orgId, actorUserId: null, registrationId, amountBani, paidOn: "2026-10-01", method: "bank_transfer", source: externalKey ? "import" : "manual", externalKey }, invoicingTriggers);

  it("the same imported payment recorded 10 times at once makes one payment, one request, one invoice", async () => {
    const s = await createInvoicingSchool(t, sandbox, { count: 1, mode: "automatic", downPayment: "300" });
    const [registrationId] = s.registrations;
    const before = await count();
    const handles = Array.from({ length: 10 }, () => createDb(t.url, { max: 1 }));
    try {
      await Promise.all(handles.map((h) => pay(h.db, s.orgId, registrationId!, 100_000, "row-1")));
    } finally {
      await Promise.all(handles.map((h) => h.close()));
    }
    const requests = await listRegistrationInvoices(t.db, s.orgId, registrationId!);
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ kind: "automatic", trigger: "debt_cleared", amountBani: 100_000, status: "queued", priority: 5 });
    expect((await drainSeries(s.deps(), s.orgId, SCHOOL_CIF, "BRS")).issued).toEqual([requests[0]!.id]);
    expect((await count()) - before).toBe(1);
  });

  it("concurrent partial payments: one request when the down payment is reached, one for the rest when the debt is cleared", async () => {
    const s = await createInvoicingSchool(t, sandbox, { count: 1, mode: "automatic", downPayment: "300" });
    const [registrationId] = s.registrations;
    const handles = Array.from({ length: 5 }, () => createDb(t.url, { max: 1 }));
    try {
      await Promise.all(handles.map((h) => pay(h.db, s.orgId, registrationId!, 20_000)));
    } finally {
      await Promise.all(handles.map((h) => h.close()));
    }
    const requests = await listRegistrationInvoices(t.db, s.orgId, registrationId!);
    expect(requests.map((r) => [r.trigger, r.amountBani]).sort()).toEqual([
      ["debt_cleared", 60_000],
      ["down_payment_paid", 40_000],
    ]);
    await drainSeries(s.deps(), s.orgId, SCHOOL_CIF, "BRS");
    // Voiding the payment an issued invoice was made for flags that invoice for storno.
    const dp = requests.find((r) => r.trigger === "down_payment_paid")!;
    await voidPayment(t.db, { orgId: s.orgId, actorUserId: s.adminId, paymentId: dp.paymentId!, reason: "Plată greșită" }, invoicingTriggers);
    const [flagged] = await t.db.select().from(invoiceRequests).where(and(eq(invoiceRequests.orgId, s.orgId), eq(invoiceRequests.id, dp.id)));
    expect(flagged).toMatchObject({ status: "issued", needsStorno: true });
  });

  it("manual mode makes no request on payment; a school with no billing profile records the payment anyway", async () => {
    const s = await createInvoicingSchool(t, sandbox, { count: 1, mode: "manual" });
    await pay(t.db, s.orgId, s.registrations[0]!, 100_000);
    expect(await listRegistrationInvoices(t.db, s.orgId, s.registrations[0]!)).toHaveLength(0);

    const u = await createInvoicingSchool(t, sandbox, { count: 1, mode: "automatic" });
    await t.db.update(billingProfiles).set({ isDefault: false }).where(eq(billingProfiles.orgId, u.orgId));
    const paid = await pay(t.db, u.orgId, u.registrations[0]!, 100_000);
    expect(paid.registration.paymentStatus).toBe("paid");
    expect(await listRegistrationInvoices(t.db, u.orgId, u.registrations[0]!)).toHaveLength(0);
  });
});
