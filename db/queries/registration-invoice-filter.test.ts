// The registrations table's invoice filter on real PostgreSQL: each value is what the row's badge (its
// latest invoice request) shows; the page, the count and "all N matching" agree.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listLatestInvoiceStatus } from "@/db/queries/invoices";
import { countRegistrations, listRegistrationIds, listRegistrations, type RegistrationListParams } from "@/db/queries/registrations";
import { invoiceRequests, type InvoiceRequestStatus } from "@/db/schema";
import { bulkSelectionSchema } from "@/lib/invoicing/schemas";
import { cancelRegistration, createRegistration } from "@/lib/registrations/registrations";
import { INVOICE_FILTERS, listRegistrationsSchema, registrationFilterSchema, registrationSchema, type InvoiceFilter } from "@/lib/registrations/schemas";
import { createTestDb, type TestDb } from "@/test/db";
import { makeRegOrg, type RegOrg } from "@/test/registrations-fixtures";

let t: TestDb;
let A: RegOrg;
let B: RegOrg;
// Registration ids of school A by what their badge shows (the fixture's own registration has no request).
const expected: Record<InvoiceFilter, string[]> = { none: [], pending: [], issued: [], failed: [], in_doubt: [] };
let cancelledIssued = "";
let latestCancelled = "";

const params = (p: Partial<RegistrationListParams> = {}): RegistrationListParams => ({ ...listRegistrationsSchema.parse({}), pageSize: 100, ...p });

let seq = 0;
/** One request, `minutes` after a fixed start (so "latest" does not depend on insert timing). */
async function request(orgId: string, registrationId: string, status: InvoiceRequestStatus, minutes: number) {
  seq++;
  await t.db.insert(invoiceRequests).values({
    orgId,
    registrationId,
    requestKey: `test-${seq}`,
    kind: "automatic",
    trigger: "debt_cleared",
    status,
    amountBani: 10_000,
    companyCif: "RO12345674",
    seriesName: "BRS",
    payload: {},
    totalBani: 10_000,
    netBani: 8_264,
    vatBani: 1_736,
    ...(status === "issued" ? { issuedSeries: "BRS", issuedNumber: String(seq) } : {}),
    createdAt: new Date(Date.UTC(2026, 9, 1, 8, minutes)),
  });
}

async function register(org: RegOrg, name: string): Promise<string> {
  const r = await createRegistration(t.db, {
    orgId: org.id,
    actorUserId: org.users.staff,
    input: registrationSchema.parse({ clientId: org.client, courseId: org.course, participantName: name }),
  });
  return r.id;
}

beforeAll(async () => {
  t = await createTestDb();
  A = await makeRegOrg(t, "Alpha");
  B = await makeRegOrg(t, "Beta");
  expected.none.push(A.registration, await register(A, "Fără Factură"));
  const queued = await register(A, "Coadă");
  await request(A.id, queued, "queued", 1);
  const issuing = await register(A, "Emitere");
  await request(A.id, issuing, "failed", 1);
  await request(A.id, issuing, "issuing", 2);
  expected.pending.push(queued, issuing);
  // Failed, then issued: only "issued".
  const retried = await register(A, "Reîncercată");
  await request(A.id, retried, "failed", 1);
  await request(A.id, retried, "issued", 2);
  const issued = await register(A, "Emisă");
  await request(A.id, issued, "issued", 3);
  expected.issued.push(retried, issued);
  // Issued, then a second one failed (the badge says failed).
  const failedLater = await register(A, "Eșuată");
  await request(A.id, failedLater, "issued", 1);
  await request(A.id, failedLater, "failed", 4);
  expected.failed.push(failedLater);
  const doubt = await register(A, "Incertă");
  await request(A.id, doubt, "in_doubt", 5);
  expected.in_doubt.push(doubt);
  // The badge says "cancelled": in none of the values.
  latestCancelled = await register(A, "Anulată cererea");
  await request(A.id, latestCancelled, "failed", 1);
  await request(A.id, latestCancelled, "cancelled", 2);
  // A cancelled registration: only with status "all".
  cancelledIssued = await register(A, "Înscriere anulată");
  await request(A.id, cancelledIssued, "issued", 6);
  await cancelRegistration(t.db, { orgId: A.id, actorUserId: A.users.staff, registrationId: cancelledIssued, reason: "left" });
  // School B: its fixture registration is failed; none of its requests may count for A.
  await request(B.id, B.registration, "failed", 9);
});
afterAll(() => t.drop());

const sorted = (ids: string[]) => [...ids].sort();

describe("the invoice filter", () => {
  it.each(INVOICE_FILTERS)("%s picks exactly the registrations whose badge shows it, and the count and 'all matching' agree", async (invoice) => {
    const page = await listRegistrations(t.db, A.id, params({ invoice }));
    expect(sorted(page.rows.map((r) => r.id))).toEqual(sorted(expected[invoice]));
    expect(page).toMatchObject({ total: expected[invoice].length, capped: false, pageCount: 1 });
    expect(await countRegistrations(t.db, A.id, params({ invoice }))).toBe(expected[invoice].length);
    expect(sorted(await listRegistrationIds(t.db, A.id, params({ invoice })))).toEqual(sorted(expected[invoice]));
  });

  it("agrees with the badge's query (the latest request) on every row", async () => {
    const all = (await listRegistrations(t.db, A.id, params({ status: "all" }))).rows.map((r) => r.id);
    const badges = await listLatestInvoiceStatus(t.db, A.id, all);
    const badgeOf = (id: string): string => {
      const s = badges.get(id)?.status;
      return !s ? "none" : s === "queued" || s === "issuing" ? "pending" : s;
    };
    for (const invoice of INVOICE_FILTERS) {
      const ids = (await listRegistrations(t.db, A.id, params({ invoice, status: "all" }))).rows.map((r) => r.id);
      expect(sorted(ids)).toEqual(sorted(all.filter((id) => badgeOf(id) === invoice)));
    }
    expect(badgeOf(latestCancelled)).toBe("cancelled");
  });

  it("combines with the other filters and never counts another school's requests", async () => {
    expect((await listRegistrations(t.db, A.id, params({ invoice: "issued", status: "all" }))).total).toBe(3);
    expect((await listRegistrations(t.db, A.id, params({ invoice: "issued", status: "cancelled" }))).rows.map((r) => r.id)).toEqual([cancelledIssued]);
    expect((await listRegistrations(t.db, A.id, params({ invoice: "issued", q: "emisa" }))).rows.map((r) => r.id)).toEqual(expected.issued.slice(1));
    expect((await listRegistrations(t.db, A.id, params({ invoice: "pending", paymentStatus: ["paid"] }))).total).toBe(0);
    expect((await listRegistrations(t.db, B.id, params({ invoice: "failed" }))).rows.map((r) => r.id)).toEqual([B.registration]);
    expect((await listRegistrations(t.db, B.id, params({ invoice: "none" }))).total).toBe(0);
    expect((await listRegistrations(t.db, B.id, params({ invoice: "issued" }))).total).toBe(0);
  });

  it("counts exactly up to the cap, then says 'more than', and pages on", async () => {
    const capped = await listRegistrations(t.db, A.id, params({ invoice: "pending", pageSize: 1 }), { searchCountCap: 1 });
    expect(capped).toMatchObject({ total: 1, capped: true, pageCount: 2 });
    const second = await listRegistrations(t.db, A.id, params({ invoice: "pending", pageSize: 1, page: 2 }), { searchCountCap: 1 });
    expect(sorted([...capped.rows, ...second.rows].map((r) => r.id))).toEqual(sorted(expected.pending));
    // Without an invoice filter the count is the maintained one (not capped).
    expect(await listRegistrations(t.db, A.id, params({ pageSize: 1 }), { searchCountCap: 1 })).toMatchObject({ total: 9, capped: false });
  });

  it("refuses a bad value in the action's schema (ignored in the URL by its parser)", () => {
    const none = { course: null, term: null, paymentStatus: [], status: "active", q: "", invoice: null };
    expect(registrationFilterSchema.parse({ ...none, invoice: "failed" }).invoice).toBe("failed");
    expect(registrationFilterSchema.parse(none).invoice).toBeNull();
    const bad = registrationFilterSchema.safeParse({ ...none, invoice: "paid" });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]).toMatchObject({ path: ["invoice"], message: "registrationErrors.validation.invoiceFilter" });
    expect(bulkSelectionSchema.safeParse({ all: { ...none, invoice: "bogus" } }).success).toBe(false);
    expect(bulkSelectionSchema.parse({ all: { ...none, invoice: "none", q: "ana" } })).toMatchObject({ all: { invoice: "none", q: "ana" } });
  });
});
