// Retrying a failed invoice whose payment was voided: refused one by one, skipped (and said why) in bulk.
// The failed state is set on the rows directly: it stands for a refused send (the drainer is not the subject).
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countInbox } from "@/db/queries/invoice-inbox";
import { getInvoiceRequest } from "@/db/queries/invoices";
import { auditLog, invoiceRequests } from "@/db/schema";
import { recordPayment } from "@/lib/registrations/record-payment";
import { voidPayment } from "@/lib/registrations/void-payment";
import { createTestDb, type TestDb } from "@/test/db";
import { expectAppError } from "@/test/expect";
import { createInvoicingSchool, type InvoicingSchool } from "@/test/invoicing";
import { startSandbox, type Sandbox } from "@/test/sandbox";
import { createManualRequest } from "./manual";
import { retryFailedRequests, retryRequest } from "./retry";
import { invoicingTriggers } from "@/lib/invoicing/requests/automatic";

let t: TestDb;
let sandbox: Sandbox;
beforeAll(async () => {
  t = await createTestDb();
  sandbox = await startSandbox({ db: t });
}, 120_000);
afterAll(async () => {
  await sandbox?.close();
  await t?.drop();
});

const fail = (s: InvoicingSchool, id: string) =>
  t.db
    .update(invoiceRequests)
    .set({ status: "failed", failureType: "unavailable", retryable: true, failureText: "Serviciul nu este disponibil." })
    .where(and(eq(invoiceRequests.orgId, s.orgId), eq(invoiceRequests.id, id)));

/** A paid registration's automatic invoice, failed: its request carries the payment. */
async function failedAutomatic(s: InvoicingSchool, registrationId: string) {
  const { payment } = await recordPayment(t.db, { orgId: s.orgId, actorUserId: s.staffId, registrationId, amountBani: 100_000, paidOn: "2026-10-01", method: "cash", source: "manual" }, invoicingTriggers);
  const [request] = await t.db.select().from(invoiceRequests).where(and(eq(invoiceRequests.orgId, s.orgId), eq(invoiceRequests.paymentId, payment.id)));
  expect(request).toMatchObject({ kind: "automatic", status: "queued" });
  await fail(s, request!.id);
  return { paymentId: payment.id, requestId: request!.id };
}

const retriedAudits = async (s: InvoicingSchool, id: string) =>
  (await t.db.select().from(auditLog).where(and(eq(auditLog.orgId, s.orgId), eq(auditLog.entityId, id), eq(auditLog.action, "invoice.retried")))).length;

describe("a failed invoice whose payment was voided", () => {
  it("cannot be retried: conflict paymentVoided, the request stays failed, nothing audited", async () => {
    const s = await createInvoicingSchool(t, sandbox, { count: 1, mode: "automatic" });
    const { paymentId, requestId } = await failedAutomatic(s, s.registrations[0]!);
    await voidPayment(t.db, { orgId: s.orgId, actorUserId: s.adminId, paymentId, reason: "Înregistrată de două ori" }, invoicingTriggers);
    expect((await getInvoiceRequest(t.db, s.orgId, requestId))!.status).toBe("failed");
    const e = await expectAppError(retryRequest(t.db, { orgId: s.orgId, actorUserId: s.staffId, requestId }));
    expect(e).toMatchObject({ code: "conflict", message: "invoicing.errors.paymentVoided" });
    expect((await getInvoiceRequest(t.db, s.orgId, requestId))!.status).toBe("failed");
    expect(await retriedAudits(s, requestId)).toBe(0);
  });

  it("one whose payment stands is retried as before", async () => {
    const s = await createInvoicingSchool(t, sandbox, { count: 1, mode: "automatic" });
    const { requestId } = await failedAutomatic(s, s.registrations[0]!);
    const { request } = await retryRequest(t.db, { orgId: s.orgId, actorUserId: s.staffId, requestId });
    expect(request.status).toBe("queued");
    expect(await retriedAudits(s, requestId)).toBe(1);
  });

  it("bulk retry (all retryable, or selected) skips it and reports it; the others are retried", async () => {
    const s = await createInvoicingSchool(t, sandbox, { count: 2, mode: "automatic" });
    const voided = await failedAutomatic(s, s.registrations[0]!);
    await voidPayment(t.db, { orgId: s.orgId, actorUserId: s.adminId, paymentId: voided.paymentId, reason: "Plată greșită" }, invoicingTriggers);
    const other = (await createManualRequest(t.db, { orgId: s.orgId, actorUserId: s.staffId, registrationId: s.registrations[1]!, clientRequestId: randomUUID() })).request.id;
    await fail(s, other);
    // "Retry all retryable (N)" counts only what it would take.
    expect(await countInbox(t.db, s.orgId)).toMatchObject({ failed: 2, retryable: 1 });

    const all = await retryFailedRequests(t.db, { orgId: s.orgId, actorUserId: s.staffId });
    expect(all.retried.map((r) => r.id)).toEqual([other]);
    expect(all).toMatchObject({ skipped: 1, paymentVoided: [voided.requestId] });

    const selected = await retryFailedRequests(t.db, { orgId: s.orgId, actorUserId: s.staffId, requestIds: [voided.requestId, other] });
    // `other` is queued now (no longer failed): skipped too, but not for a voided payment.
    expect(selected).toEqual({ retried: [], skipped: 2, paymentVoided: [voided.requestId] });
    expect((await getInvoiceRequest(t.db, s.orgId, voided.requestId))!.status).toBe("failed");
    expect(await retriedAudits(s, voided.requestId)).toBe(0);
  });
});
