// An accountant's PDF downloads cannot crowd out issuing: one SmartBill fetch at a time per person, a
// recent copy served without a call, and a manual issue waits behind one of the downloads at most.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { memberships, users } from "@/db/schema";
import { drainSeries } from "@/lib/invoicing/engine/drain";
import { createManualRequest } from "@/lib/invoicing/requests/manual";
import { DEMO_SMARTBILL } from "@/lib/smartbill-sandbox/demo";
import type { SmartBill } from "@/lib/smartbill";
import { createTestDb, type TestDb } from "@/test/db";
import { createInvoicingSchool, type InvoicingSchool } from "@/test/invoicing";
import { SCHOOL_CIF, startSandbox, type Sandbox } from "@/test/sandbox";
import { getIssuedInvoicePdf } from "./pdf";

let t: TestDb;
let sandbox: Sandbox;
let A: InvoicingSchool;
let accountant: string;
const issued: string[] = [];

beforeAll(async () => {
  t = await createTestDb({ app: true });
  sandbox = await startSandbox({ db: t });
  A = await createInvoicingSchool(t, sandbox, { count: 7 });
  const [u] = await t.db.insert(users).values({ email: `accountant-${randomUUID()}@school.test`, name: "Accountant", passwordHash: "x" }).returning();
  await t.db.insert(memberships).values({ orgId: A.orgId, userId: u!.id, role: "accountant" });
  accountant = u!.id;
  for (const registrationId of A.registrations.slice(0, 6)) {
    const { request } = await createManualRequest(t.db, { orgId: A.orgId, actorUserId: A.staffId, registrationId, clientRequestId: randomUUID() });
    issued.push(request.id);
  }
  await drainSeries(A.deps(), A.orgId, SCHOOL_CIF, "BRS");
}, 90_000);
afterAll(async () => {
  await sandbox?.close();
  await t?.drop();
});

/** The sandbox's client, with the PDF calls counted as they go out and come back. */
function countingClient(events: string[], sb: SmartBill = sandbox.sb): SmartBill {
  return {
    ...sb,
    invoices: {
      ...sb.invoices,
      pdf: async (...args: Parameters<SmartBill["invoices"]["pdf"]>) => {
        events.push("pdf+");
        try {
          return await sb.invoices.pdf(...args);
        } finally {
          events.push("pdf-");
        }
      },
      create: async (...args: Parameters<SmartBill["invoices"]["create"]>) => {
        events.push("create+");
        try {
          return await sb.invoices.create(...args);
        } finally {
          events.push("create-");
        }
      },
    },
  };
}

function mostAtOnce(events: string[], prefix: string): number {
  let now = 0;
  let most = 0;
  for (const e of events) {
    if (e === `${prefix}+`) most = Math.max(most, ++now);
    if (e === `${prefix}-`) now--;
  }
  return most;
}

describe("PDF downloads", () => {
  it("sixty parallel downloads by one person are one SmartBill call at a time, each invoice fetched once", async () => {
    await sandbox.admin.addFault({ account: DEMO_SMARTBILL.email, kind: "latency", path: "/invoice/pdf", method: "GET", count: 60, ms: 50 });
    const events: string[] = [];
    const sb = countingClient(events);
    const downloads = Array.from({ length: 60 }, (_, i) => getIssuedInvoicePdf(t.db, A.orgId, issued[i % issued.length]!, { userId: accountant, sb, busyWaitMs: 30_000 }));
    const results = await Promise.all(downloads);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(mostAtOnce(events, "pdf")).toBe(1);
    // Six invoices: six calls; the other 54 downloads were Bursar's copy.
    expect(events.filter((e) => e === "pdf+")).toHaveLength(6);
    expect(results.filter((r) => r.ok && r.cached)).toHaveLength(54);
    for (const r of results) if (r.ok) expect(Buffer.from(r.pdf.bytes).subarray(0, 5).toString("latin1")).toBe("%PDF-");
    await sandbox.admin.clearFaults({ account: DEMO_SMARTBILL.email });
  });

  it("a person whose previous PDF is still coming is told to come back, not queued without end", async () => {
    await t.db.execute(`delete from invoice_pdfs`);
    await sandbox.admin.addFault({ account: DEMO_SMARTBILL.email, kind: "latency", path: "/invoice/pdf", method: "GET", count: 1, ms: 1_500 });
    const slow = getIssuedInvoicePdf(t.db, A.orgId, issued[0]!, { userId: accountant });
    // Wait until the slow fetch holds the person's lease.
    for (let i = 0; i < 100 && (await t.db.execute(`select 1 from pdf_fetch_leases`)).length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    const second = await getIssuedInvoicePdf(t.db, A.orgId, issued[1]!, { userId: accountant, busyWaitMs: 200 });
    expect(second).toEqual({ ok: false, reason: "busy", retryAfterSec: 2 });
    // Another person is not held up by it.
    expect((await getIssuedInvoicePdf(t.db, A.orgId, issued[1]!, { userId: A.staffId })).ok).toBe(true);
    expect((await slow).ok).toBe(true);
    await sandbox.admin.clearFaults({ account: DEMO_SMARTBILL.email });
  });

  it("a manual issue during sixty downloads goes out with at most one download ahead of it", async () => {
    await t.db.execute(`delete from invoice_pdfs`);
    // SmartBill's own budget (30 / 10 s): the downloads would fill it without the per-person lease.
    const events: string[] = [];
    const base = sandbox.client({ rateLimit: { limit: 30, windowMs: 10_000, headroom: 0.05 } });
    await sandbox.admin.addFault({ account: DEMO_SMARTBILL.email, kind: "latency", path: "/invoice/pdf", method: "GET", count: 60, ms: 100 });
    const sb = countingClient(events, base);
    const downloads = Array.from({ length: 60 }, (_, i) => getIssuedInvoicePdf(t.db, A.orgId, issued[i % issued.length]!, { userId: accountant, sb, busyWaitMs: 60_000 }));
    while (!events.includes("pdf+")) await new Promise((r) => setTimeout(r, 10));
    const { request } = await createManualRequest(t.db, { orgId: A.orgId, actorUserId: A.staffId, registrationId: A.registrations[6]!, clientRequestId: randomUUID() });
    events.push("issue asked");
    await drainSeries({ ...A.deps(), sb }, A.orgId, SCHOOL_CIF, "BRS");
    const asked = events.indexOf("issue asked");
    const sent = events.indexOf("create+");
    expect(sent).toBeGreaterThan(asked);
    // PDF calls started between the person asking and the create going out: the one already waiting at most.
    expect(events.slice(asked, sent).filter((e) => e === "pdf+").length).toBeLessThanOrEqual(1);
    expect((await Promise.all(downloads)).every((r) => r.ok)).toBe(true);
    expect(request.id).toBeTruthy();
    await sandbox.admin.clearFaults({ account: DEMO_SMARTBILL.email });
  });
});
