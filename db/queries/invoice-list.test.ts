// The invoice list's reads on real PostgreSQL: organisation first, the filter (Bucharest calendar days,
// status, series, profile), pages, totals by VAT level in integer bani, and the register.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { billingProfiles, invoiceRequests } from "@/db/schema";
import { createTestDb, type TestDb } from "@/test/db";
import { createInvoicingSchool, type InvoicingSchool } from "@/test/invoicing";
import { SCHOOL_CIF, startSandbox, type Sandbox } from "@/test/sandbox";
import { listInvoiceFilterOptions, listInvoices, listIssuedInvoices, sumInvoicesByVat, type InvoiceListFilter } from "./invoice-list";

let t: TestDb;
let sandbox: Sandbox;
let A: InvoicingSchool;
let B: InvoicingSchool;
let otherProfile: string;

type Row = Partial<typeof invoiceRequests.$inferInsert> & { client?: { name: string; vatCode?: string } };
let n = 0;
async function insert(s: InvoicingSchool, r: Row) {
  n++;
  const { client, ...rest } = r;
  const [row] = await t.db
    .insert(invoiceRequests)
    .values({
      orgId: s.orgId,
      registrationId: s.registrations[n % s.registrations.length]!,
      requestKey: `manual:${randomUUID()}`,
      kind: "manual",
      trigger: "manual",
      status: "issued",
      amountBani: 12_100,
      billingProfileId: s.profileId,
      companyCif: SCHOOL_CIF,
      seriesName: "BRS",
      vatName: "Normala",
      vatPercent: "21.00",
      payload: { client: client ?? { name: "Ștefan Popescu" } },
      totalBani: 12_100,
      netBani: 10_000,
      vatBani: 2_100,
      issuedSeries: rest.status && rest.status !== "issued" ? null : "BRS",
      issuedNumber: rest.status && rest.status !== "issued" ? null : String(n).padStart(4, "0"),
      ...rest,
    })
    .returning();
  return row!;
}

const december: InvoiceListFilter = { from: "2026-12-01", to: "2026-12-31", status: "issued", series: null, profile: null };
const page = (f: Partial<InvoiceListFilter> & { page?: number; pageSize?: number; dir?: "asc" | "desc" } = {}) => ({ ...december, page: 1, pageSize: 25, dir: "desc" as const, ...f });

beforeAll(async () => {
  t = await createTestDb();
  sandbox = await startSandbox({ db: t });
  A = await createInvoicingSchool(t, sandbox, { count: 3 });
  B = await createInvoicingSchool(t, sandbox, { count: 1 });
  const [p] = await t.db.insert(billingProfiles).values({ orgId: A.orgId, companyName: "Club Demo", cif: "41144780", seriesName: "CLB", vatPayer: false }).returning();
  otherProfile = p!.id;

  // 00:30 on 1 December in Bucharest is still 30 November in UTC: it belongs to December.
  await insert(A, { issuedAt: new Date("2026-11-30T22:30:00Z"), client: { name: "Întâi SRL", vatCode: "RO123" } });
  await insert(A, { issuedAt: new Date("2026-12-10T10:00:00Z"), vatName: "Redusa", vatPercent: "11.00", netBani: 90_090, vatBani: 9_910, totalBani: 100_000, amountBani: 100_000 });
  await insert(A, { issuedAt: new Date("2026-12-20T10:00:00Z"), needsStorno: true, client: { name: "Ana Pop", vatCode: "0000000000000" } });
  // 23:59 on 31 December in Bucharest is in; 00:00 on 1 January is out.
  await insert(A, { issuedAt: new Date("2026-12-31T21:59:00Z") });
  await insert(A, { issuedAt: new Date("2026-12-31T22:00:00Z") });
  await insert(A, { issuedAt: new Date("2026-11-15T10:00:00Z") });
  // Not issued: dated by creation.
  await insert(A, { status: "failed", createdAt: new Date("2026-12-05T10:00:00Z") });
  await insert(A, { status: "queued", createdAt: new Date("2026-12-06T10:00:00Z") });
  // The club profile: another series, no VAT.
  await insert(A, { issuedAt: new Date("2026-12-15T10:00:00Z"), billingProfileId: otherProfile, companyCif: "41144780", seriesName: "CLB", issuedSeries: "CLB", vatName: null, vatPercent: null, netBani: 5_000, vatBani: 0, totalBani: 5_000, amountBani: 5_000 });
  // Another school, same month: never A's.
  await insert(B, { issuedAt: new Date("2026-12-11T10:00:00Z"), totalBani: 99_999, amountBani: 99_999 });
}, 60_000);
afterAll(async () => {
  await sandbox?.close();
  await t?.drop();
});

describe("listInvoices", () => {
  it("lists the school's issued invoices of the month, newest first, by Bucharest calendar day", async () => {
    const p = await listInvoices(t.db, A.orgId, page());
    expect(p.total).toBe(5);
    expect(p.rows.map((r) => r.date.toISOString())).toEqual([
      "2026-12-31T21:59:00.000Z",
      "2026-12-20T10:00:00.000Z",
      "2026-12-15T10:00:00.000Z",
      "2026-12-10T10:00:00.000Z",
      "2026-11-30T22:30:00.000Z",
    ]);
    expect(p.rows.every((r) => r.status === "issued")).toBe(true);
    const first = p.rows.at(-1)!;
    expect(first).toMatchObject({ clientName: "Întâi SRL", clientCif: "RO123", issuedSeries: "BRS", netBani: 10_000, vatBani: 2_100, totalBani: 12_100 });
    expect(first.reference).toMatch(/\S/);
    expect(first.participantName).toMatch(/^Copil /);
    expect(p.rows[1]).toMatchObject({ needsStorno: true, clientName: "Ana Pop", clientCif: null });
  });

  it("never shows another school's invoices", async () => {
    const mine = await listInvoices(t.db, A.orgId, page({ status: "all", from: "2000-01-01", to: "2099-12-31" }));
    expect(mine.rows.some((r) => r.totalBani === 99_999)).toBe(false);
    const theirs = await listInvoices(t.db, B.orgId, page());
    expect(theirs.rows.map((r) => r.totalBani)).toEqual([99_999]);
  });

  it("filters by status (failed ones dated by creation), series and profile", async () => {
    expect((await listInvoices(t.db, A.orgId, page({ status: "failed" }))).rows.map((r) => r.status)).toEqual(["failed"]);
    expect((await listInvoices(t.db, A.orgId, page({ status: "all" }))).total).toBe(7);
    expect((await listInvoices(t.db, A.orgId, page({ series: "CLB" }))).rows.map((r) => r.issuedSeries)).toEqual(["CLB"]);
    expect((await listInvoices(t.db, A.orgId, page({ profile: otherProfile }))).total).toBe(1);
    expect((await listInvoices(t.db, A.orgId, page({ profile: A.profileId }))).total).toBe(4);
    expect((await listInvoices(t.db, A.orgId, page({ from: "2026-11-01", to: "2026-11-30" }))).total).toBe(1);
  });

  it("pages, and a page past the end shows the last one", async () => {
    const all = await listInvoices(t.db, A.orgId, page());
    const second = await listInvoices(t.db, A.orgId, page({ pageSize: 2, page: 2 }));
    expect(second).toMatchObject({ total: 5, pageCount: 3 });
    expect(second.rows.map((r) => r.id)).toEqual(all.rows.slice(2, 4).map((r) => r.id));
    const pastTheEnd = await listInvoices(t.db, A.orgId, page({ pageSize: 2, page: 9 }));
    expect(pastTheEnd.rows.map((r) => r.id)).toEqual(all.rows.slice(4).map((r) => r.id));
    const asc = await listInvoices(t.db, A.orgId, page({ dir: "asc" }));
    expect(asc.rows.map((r) => r.id)).toEqual([...all.rows].reverse().map((r) => r.id));
  });
});

describe("sumInvoicesByVat", () => {
  it("sums the issued invoices per VAT level in bani, the school's only", async () => {
    const totals = await sumInvoicesByVat(t.db, A.orgId, december);
    expect(totals).toEqual([
      { vatName: "Normala", vatPercent: "21.00", count: 3, netBani: 30_000, vatBani: 6_300, totalBani: 36_300 },
      { vatName: "Redusa", vatPercent: "11.00", count: 1, netBani: 90_090, vatBani: 9_910, totalBani: 100_000 },
      { vatName: null, vatPercent: null, count: 1, netBani: 5_000, vatBani: 0, totalBani: 5_000 },
    ]);
    // "all" counts the issued ones only; a status without issued invoices has no totals.
    expect(await sumInvoicesByVat(t.db, A.orgId, { ...december, status: "all" })).toEqual(totals);
    expect(await sumInvoicesByVat(t.db, A.orgId, { ...december, status: "failed" })).toEqual([]);
  });

  it("stays exact past 2^31 bani", async () => {
    for (let i = 0; i < 3; i++) await insert(A, { issuedAt: new Date("2025-03-10T10:00:00Z"), netBani: 2_000_000_000, vatBani: 0, totalBani: 2_000_000_001, amountBani: 2_000_000_001 });
    const [row] = await sumInvoicesByVat(t.db, A.orgId, { ...december, from: "2025-03-01", to: "2025-03-31" });
    expect(row).toMatchObject({ count: 3, netBani: 6_000_000_000, totalBani: 6_000_000_003 });
  });
});

describe("listIssuedInvoices and the filter's choices", () => {
  it("gives the register oldest first, issued only, the school's only", async () => {
    const rows = await listIssuedInvoices(t.db, A.orgId, { ...december, status: "all" });
    expect(rows).toHaveLength(5);
    expect(rows[0]!.date.toISOString()).toBe("2026-11-30T22:30:00.000Z");
    expect(rows.every((r) => r.status === "issued")).toBe(true);
    expect(await listIssuedInvoices(t.db, A.orgId, { ...december, status: "failed" })).toEqual([]);
    expect((await listIssuedInvoices(t.db, B.orgId, december)).map((r) => r.totalBani)).toEqual([99_999]);
  });

  it("offers the school's own profiles", async () => {
    const options = await listInvoiceFilterOptions(t.db, A.orgId);
    expect(options.profiles.map((p) => p.id).sort()).toEqual([A.profileId, otherProfile].sort());
  });
});
