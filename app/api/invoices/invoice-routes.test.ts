// The PDF and CSV routes: who may fetch what (anonymous, another school, not issued), and what comes
// back — the PDF from the sandbox through the server, the register for the filter.
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { invoicePdfs, invoiceRequests, memberships, users } from "@/db/schema";
import { drainSeries } from "@/lib/invoicing/engine/drain";
import { createManualRequest } from "@/lib/invoicing/requests/manual";
import { todayInBucharest } from "@/lib/registrations/dates";
import { createTestDb, type TestDb } from "@/test/db";
import { createInvoicingSchool, type InvoicingSchool } from "@/test/invoicing";
import { SCHOOL_CIF, startSandbox, type Sandbox } from "@/test/sandbox";
import { actAs, signOut } from "@/test/session";

let t: TestDb;
let sandbox: Sandbox;
let A: InvoicingSchool;
let B: InvoicingSchool;
let accountantA: string;
let issuedA: string;
let issuedB: string;
let queuedA: string;
let pdf: typeof import("./[id]/pdf/route");
let csv: typeof import("./export/route");

const getPdf = (id: string) => pdf.GET(new Request(`http://localhost/api/invoices/${id}/pdf`), { params: Promise.resolve({ id }) });
const getCsv = (query = "") => csv.GET(new Request(`http://localhost/api/invoices/export${query}`));

async function issue(s: InvoicingSchool, registrationId: string): Promise<string> {
  const { request } = await createManualRequest(t.db, { orgId: s.orgId, actorUserId: s.staffId, registrationId, clientRequestId: randomUUID() });
  await drainSeries(s.deps(), s.orgId, SCHOOL_CIF, "BRS");
  return request.id;
}

beforeAll(async () => {
  t = await createTestDb({ app: true });
  sandbox = await startSandbox({ db: t });
  A = await createInvoicingSchool(t, sandbox, { count: 3 });
  B = await createInvoicingSchool(t, sandbox, { count: 1 });
  const [u] = await t.db.insert(users).values({ email: `accountant-${randomUUID()}@school.test`, name: "Accountant", passwordHash: "x" }).returning();
  await t.db.insert(memberships).values({ orgId: A.orgId, userId: u!.id, role: "accountant" });
  accountantA = u!.id;
  issuedA = await issue(A, A.registrations[0]!);
  await issue(A, A.registrations[1]!);
  issuedB = await issue(B, B.registrations[0]!);
  // Left queued: no drain.
  queuedA = (await createManualRequest(t.db, { orgId: A.orgId, actorUserId: A.staffId, registrationId: A.registrations[2]!, clientRequestId: randomUUID() })).request.id;
  pdf = await import("./[id]/pdf/route");
  csv = await import("./export/route");
}, 90_000);
afterAll(async () => {
  await sandbox?.close();
  await t?.drop();
});
beforeEach(() => signOut());

describe("GET /api/invoices/[id]/pdf", () => {
  it("streams an issued invoice's PDF from SmartBill to a member of its school", async () => {
    const [row] = await t.db.select().from(invoiceRequests).where(and(eq(invoiceRequests.orgId, A.orgId), eq(invoiceRequests.id, issuedA)));
    expect(row!.status).toBe("issued");
    for (const userId of [accountantA, A.staffId]) {
      actAs({ userId });
      const res = await getPdf(issuedA);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("application/pdf");
      expect(res.headers.get("content-disposition")).toBe(`inline; filename="factura${row!.issuedSeries}${row!.issuedNumber}.pdf"`);
      const bytes = Buffer.from(await res.arrayBuffer());
      expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    }
  });

  it("answers 401 without a session, 404 for another school's invoice or a bad id, 409 before it is issued", async () => {
    const anonymous = await getPdf(issuedA);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ error: "errors.unauthenticated" });

    actAs({ userId: accountantA });
    const theirs = await getPdf(issuedB);
    expect(theirs.status).toBe(404);
    expect(await theirs.json()).toMatchObject({ error: "invoiceList.pdf.notFound" });
    expect((await getPdf(randomUUID())).status).toBe(404);
    expect((await getPdf("../../etc")).status).toBe(404);

    const queued = await getPdf(queuedA);
    expect(queued.status).toBe(409);
    expect(await queued.json()).toMatchObject({ error: "invoiceList.pdf.notIssued" });
  });

  it("answers a browser tab with a short page in the reader's language instead of JSON", async () => {
    actAs({ userId: accountantA });
    const req = new Request(`http://localhost/api/invoices/${queuedA}/pdf`, { headers: { accept: "text/html,application/xhtml+xml" } });
    const res = await pdf.GET(req, { params: Promise.resolve({ id: queuedA }) });
    expect(res.status).toBe(409);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const html = await res.text();
    expect(html).toContain('role="alert"');
    expect(html).toMatch(/has not been issued|nu a fost emisă/);
  });

  it("turns SmartBill's refusal into a clear JSON answer, never a stack", async () => {
    // The invoice was deleted in SmartBill: its PDF is gone (SmartBill's 502 page → not_found).
    const [before] = await t.db.select().from(invoiceRequests).where(eq(invoiceRequests.id, issuedA));
    await t.db.update(invoiceRequests).set({ issuedNumber: "9999" }).where(eq(invoiceRequests.id, issuedA));
    // Bursar's copy from the test above would be served for a while: without it, SmartBill is asked.
    await t.db.delete(invoicePdfs);
    try {
      actAs({ userId: accountantA });
      const res = await getPdf(issuedA);
      expect(res.status).toBe(502);
      const body = (await res.json()) as Record<string, string>;
      expect(body.error).toBe("smartbill.errors.not_found");
      expect(body.message).toMatch(/\S/);
      expect(JSON.stringify(body)).not.toMatch(/at .*\.ts|token/i);
    } finally {
      await t.db.update(invoiceRequests).set({ issuedNumber: before!.issuedNumber }).where(eq(invoiceRequests.id, issuedA));
    }
  });
});

describe("GET /api/invoices/export", () => {
  it("exports the school's issued invoices of the filter as ';'-separated UTF-8 with a BOM", async () => {
    actAs({ userId: accountantA });
    const res = await getCsv(`?status=all&from=${todayInBucharest()}&to=${todayInBucharest()}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="invoices_\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.csv"$/);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = bytes.subarray(3).toString("utf8").trimEnd().split("\r\n");
    expect(lines[0]).toBe("Date;Series;Number;Client;Client CIF;Registration;Participant;VAT name;VAT %;Net;VAT;Total");
    // Two issued for A (the queued one and B's are not in A's register).
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/^\d{4}-\d{2}-\d{2};BRS;\d+;Ștefan Popescu;;[^;]+;Copil \d;Normala;21;\d+\.\d{2};\d+\.\d{2};\d+\.\d{2}$/);
  });

  it("answers 401 without a session and 400 with a clear message for a bad filter", async () => {
    expect((await getCsv()).status).toBe(401);
    actAs({ userId: accountantA });
    const bad = await getCsv("?from=2026-13-01");
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: "errors.validation", message: expect.stringContaining("from:") });
  });
});
