// Payments against real PostgreSQL: the row lock, recomputed totals, void history and the counts.
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "@/db/client";
import { auditLog, payments, registrations } from "@/db/schema";
import { listPayments } from "@/db/queries/payments";
import { getRegistration, listRegistrationTimeline } from "@/db/queries/registrations";
import { createTestDb, type TestDb } from "@/test/db";
import { makeRegOrg, type RegOrg } from "@/test/registrations-fixtures";
import { recordPayment } from "./record-payment";
import { createRegistration, cancelRegistration } from "./registrations";
import { registrationSchema } from "./schemas";
import { voidPayment } from "./void-payment";
import { invoicingTriggers } from "@/lib/invoicing/requests/automatic";

let t: TestDb;
let A: RegOrg;

beforeAll(async () => {
  t = await createTestDb();
  A = await makeRegOrg(t, "Alpha");
});
afterAll(() => t.drop());

const pay = (registrationId: string, amountBani: number, extra: Partial<Parameters<typeof recordPayment>[1]> = {}) =>
  ({ orgId: A.id, actorUserId: A.users.staff, registrationId, amountBani, paidOn: "2026-10-01", method: "cash", source: "manual", ...extra }) as const;

async function newRegistration(downPayment: string | null = null) {
  const r = await createRegistration(t.db, {
    orgId: A.id,
    actorUserId: A.users.staff,
    input: registrationSchema.parse({ clientId: A.client, courseId: A.course, participantName: "Matei Ionescu", downPayment }),
  });
  return r.id;
}

describe("recordPayment", () => {
  it("moves the status through down payment, paid and overpaid", async () => {
    const id = await newRegistration("300");
    expect((await recordPayment(t.db, pay(id, 10_000), invoicingTriggers)).registration).toMatchObject({ paidBani: 10_000, balanceBani: 90_000, paymentStatus: "partially_paid" });
    expect((await recordPayment(t.db, pay(id, 20_000), invoicingTriggers)).registration.paymentStatus).toBe("down_payment_paid");
    expect((await recordPayment(t.db, pay(id, 70_000), invoicingTriggers)).registration).toMatchObject({ paidBani: 100_000, balanceBani: 0, paymentStatus: "paid" });
    expect((await recordPayment(t.db, pay(id, 1), invoicingTriggers)).registration).toMatchObject({ balanceBani: -1, paymentStatus: "overpaid" });
  });

  it("20 concurrent payments from separate connections leave exactly the right totals and status", async () => {
    const id = await newRegistration();
    const handles = Array.from({ length: 20 }, () => createDb(t.url, { max: 1 }));
    try {
      const results = await Promise.all(handles.map((h, i) => recordPayment(h.db, pay(id, 5_000, { note: `#${i}` }), invoicingTriggers)));
      expect(results.every((r) => r.created)).toBe(true);
    } finally {
      await Promise.all(handles.map((h) => h.close()));
    }
    const row = await getRegistration(t.db, A.id, id);
    expect(row!.registration).toMatchObject({ paidBani: 100_000, balanceBani: 0, paymentStatus: "paid" });
    expect(await listPayments(t.db, A.id, id)).toHaveLength(20);
    // Each payment saw the total left by the one before it: the lock serialised them.
    const audits = await t.db.select().from(auditLog).where(eq(auditLog.action, "payment.recorded"));
    const mine = audits.filter((a) => a.details.registrationId === id);
    expect(mine.filter((a) => a.details.statusTo === "paid")).toHaveLength(1);
  });

  it("records the same import row or bank transaction once", async () => {
    const id = await newRegistration();
    const first = await recordPayment(t.db, pay(id, 5_000, { source: "bank", externalKey: "tx-1" }), invoicingTriggers);
    const again = await recordPayment(t.db, pay(id, 5_000, { source: "bank", externalKey: "tx-1" }), invoicingTriggers);
    expect(again).toMatchObject({ created: false, payment: { id: first.payment.id } });
    expect((await getRegistration(t.db, A.id, id))!.registration.paidBani).toBe(5_000);
  });

  it("refuses a cancelled registration and another organisation's, changing nothing", async () => {
    const B = await makeRegOrg(t, "Beta");
    const id = await newRegistration();
    await cancelRegistration(t.db, { orgId: A.id, actorUserId: A.users.staff, registrationId: id, reason: "moved away" });
    const before = await t.db.select({ n: sql<number>`count(*)::int` }).from(payments);
    await expect(recordPayment(t.db, pay(id, 5_000), invoicingTriggers)).rejects.toMatchObject({ code: "conflict", message: "registrationErrors.errors.paymentOnCancelled" });
    await expect(recordPayment(t.db, pay(B.registration, 5_000), invoicingTriggers)).rejects.toMatchObject({ code: "not_found" });
    expect(await t.db.select({ n: sql<number>`count(*)::int` }).from(payments)).toEqual(before);
  });

  it("refuses amounts the database would not hold", async () => {
    const id = await newRegistration();
    await expect(recordPayment(t.db, pay(id, 0), invoicingTriggers)).rejects.toThrow();
    await expect(recordPayment(t.db, pay(id, -5), invoicingTriggers)).rejects.toThrow();
    await expect(recordPayment(t.db, pay(id, 100_000_001), invoicingTriggers)).rejects.toThrow();
    expect(await listPayments(t.db, A.id, id)).toHaveLength(0);
  });
});

describe("voidPayment", () => {
  it("keeps the payment with who, when and why; recomputes; shows both in the timeline", async () => {
    const id = await newRegistration();
    const { payment } = await recordPayment(t.db, pay(id, 100_000), invoicingTriggers);
    const { registration } = await voidPayment(t.db, { orgId: A.id, actorUserId: A.users.admin, paymentId: payment.id, reason: "recorded twice" }, invoicingTriggers);
    expect(registration).toMatchObject({ paidBani: 0, paymentStatus: "not_paid" });
    const [p] = await listPayments(t.db, A.id, id);
    expect(p!.payment).toMatchObject({ id: payment.id, amountBani: 100_000, voidReason: "recorded twice", voidedBy: A.users.admin });
    expect(p!.payment.voidedAt).toBeInstanceOf(Date);
    const timeline = await listRegistrationTimeline(t.db, A.id, id);
    expect(timeline.map((e) => e.action)).toEqual(["registration.created", "payment.recorded", "payment.voided"]);
    await expect(voidPayment(t.db, { orgId: A.id, actorUserId: A.users.admin, paymentId: payment.id, reason: "again" }, invoicingTriggers)).rejects.toMatchObject({
      code: "conflict",
    });
  });
});

describe("registration counts", () => {
  it("equal count(*) per course, payment status and status after payments, voids and cancels", async () => {
    const rows = await t.db.execute(sql`
      select coalesce(c.n, 0) as kept, coalesce(r.n, 0) as actual from registration_counts c
      full join (select org_id, course_id, payment_status, status, count(*) n from ${registrations} group by 1, 2, 3, 4) r
      using (org_id, course_id, payment_status, status)`);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(Number(row.kept)).toBe(Number(row.actual));
  });
});
