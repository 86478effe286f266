// What bulk issuing costs the database, counted (not timed): a drain makes a fixed handful of statements
// per invoice on its connection, a bulk of any size the same handful, and a drain right after another
// trusts the next number SmartBill just gave (no GET /series).
import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import * as schema from "@/db/schema";
import { invoiceRequests, invoiceSeries, registrations } from "@/db/schema";
import { createTestDb, type TestDb } from "@/test/db";
import { createInvoicingSchool } from "@/test/invoicing";
import { SCHOOL_CIF, startSandbox, type Sandbox } from "@/test/sandbox";
import { drainSeries } from "./drain";
import { createBulkRequests } from "../requests/bulk";
import { createManualRequest } from "../requests/manual";

let t: TestDb;
let sandbox: Sandbox;
let counted: { db: Database; statements: () => number; close: () => Promise<void> };
beforeAll(async () => {
  t = await createTestDb();
  sandbox = await startSandbox({ db: t });
  let n = 0;
  const client = postgres(t.url, { max: 1, fetch_types: false, onnotice: () => {}, debug: () => void n++ });
  counted = { db: drizzle(client, { schema, casing: "snake_case" }), statements: () => n, close: () => client.end({ timeout: 5 }) };
});
afterAll(async () => {
  await counted?.close();
  await sandbox?.close();
  await t?.drop();
});

/** Statements `fn` sends on the counted connection. */
async function statementsOf(fn: () => Promise<unknown>): Promise<number> {
  const before = counted.statements();
  await fn();
  return counted.statements() - before;
}

describe("bulk issue is set-based", () => {
  it("a bulk of 60 sends as many statements as a bulk of 3, and makes one request per row with something to invoice", async () => {
    const small = await createInvoicingSchool(t, sandbox, { count: 3 });
    const big = await createInvoicingSchool(t, sandbox, { count: 60 });
    const bulk = (s: typeof small) => createBulkRequests(counted.db, { orgId: s.orgId, actorUserId: s.staffId, clientBatchId: randomUUID(), selection: { ids: s.registrations } });
    const few = await statementsOf(() => bulk(small));
    const many = await statementsOf(() => bulk(big));
    expect(many).toBe(few);
    expect(few).toBeLessThanOrEqual(12);
  });

  it("skips what is cancelled, fully requested or has an open request; bills each the rest of its balance", async () => {
    const s = await createInvoicingSchool(t, sandbox, { count: 5 });
    const [cancelled, whole, part, open, fresh] = s.registrations as [string, string, string, string, string];
    await t.db.update(registrations).set({ status: "cancelled" }).where(eq(registrations.id, cancelled));
    const one = (registrationId: string, amountBani?: number) => createManualRequest(t.db, { orgId: s.orgId, actorUserId: s.staffId, registrationId, clientRequestId: randomUUID(), ...(amountBani ? { amountBani } : {}) });
    // Issued in full; issued in part (30 lei) and no longer open; open (queued) for 10 lei.
    await one(whole);
    await one(part, 3_000);
    await t.db.update(invoiceRequests).set({ status: "issued" }).where(and(eq(invoiceRequests.orgId, s.orgId), sql`${invoiceRequests.registrationId} in (${whole}, ${part})`));
    await one(open, 1_000);
    const r = await createBulkRequests(t.db, { orgId: s.orgId, actorUserId: s.staffId, clientBatchId: randomUUID(), selection: { ids: [...s.registrations, fresh] } });
    expect(r).toMatchObject({ created: 2, skipped: 3, isNew: true, series: [{ orgId: s.orgId, cif: SCHOOL_CIF, series: "BRS" }] });
    const made = await t.db.select().from(invoiceRequests).where(and(eq(invoiceRequests.orgId, s.orgId), eq(invoiceRequests.batchId, r.batch.id)));
    expect(Object.fromEntries(made.map((x) => [x.registrationId, x.amountBani]))).toEqual({ [part]: 97_000, [fresh]: 100_000 });
    expect(made.every((x) => x.kind === "bulk" && x.status === "queued" && x.priority === 0)).toBe(true);
    // A registration of another organisation (or none) in the selection refuses the whole batch.
    await expect(createBulkRequests(t.db, { orgId: s.orgId, actorUserId: s.staffId, clientBatchId: randomUUID(), selection: { ids: [fresh, randomUUID()] } })).rejects.toThrow(
      "registrationNotFound",
    );
    // Confirm again (same clientBatchId): the same batch and its series, nothing new.
    const again = await createBulkRequests(t.db, { orgId: s.orgId, actorUserId: s.staffId, clientBatchId: r.batch.clientBatchId, selection: { ids: s.registrations } });
    expect(again).toMatchObject({ isNew: false, created: 0, skipped: 3, batch: { id: r.batch.id }, series: [{ cif: SCHOOL_CIF, series: "BRS" }] });
  });
});

describe("drain", () => {
  it("seven statements per invoice on its connection (the claim's transaction of five, the claim re-checked, the answer recorded), the limiter's aside", async () => {
    const s = await createInvoicingSchool(t, sandbox, { count: 12 });
    const deps = { ...s.deps(), db: counted.db };
    const bulk = (ids: string[]) => createBulkRequests(t.db, { orgId: s.orgId, actorUserId: s.staffId, clientBatchId: randomUUID(), selection: { ids } });
    // Both drains fit in the school's MAX_IN_FLIGHT slots: each of its lanes ends with one empty claim.
    await bulk(s.registrations.slice(0, 2));
    const two = await statementsOf(() => drainSeries(deps, s.orgId, SCHOOL_CIF, "BRS"));
    await bulk(s.registrations.slice(2, 6));
    // Both drains read GET /series (the number is not fresh), so only the per-invoice work differs.
    await t.db.update(invoiceSeries).set({ knownAt: sql`now() - interval '1 minute'` }).where(eq(invoiceSeries.orgId, s.orgId));
    const four = await statementsOf(() => drainSeries(deps, s.orgId, SCHOOL_CIF, "BRS"));
    expect((four - two) / 2).toBe(7);
  });

  it("a drain right after another trusts the next number SmartBill just gave; an older one is read again", async () => {
    const s = await createInvoicingSchool(t, sandbox, { count: 3 });
    const deps = s.deps();
    const issue = async (registrationId: string) => {
      await createManualRequest(t.db, { orgId: s.orgId, actorUserId: s.staffId, registrationId, clientRequestId: randomUUID() });
      await sandbox.mark();
      const r = await drainSeries(deps, s.orgId, SCHOOL_CIF, "BRS");
      expect(r.issued).toHaveLength(1);
      return (await sandbox.calls()).map((c) => `${c.method} ${c.path}`);
    };
    expect(await issue(s.registrations[0]!)).toEqual(["GET /series", "POST /invoice/v2"]);
    expect(await issue(s.registrations[1]!)).toEqual(["POST /invoice/v2"]);
    await t.db.update(invoiceSeries).set({ knownAt: sql`now() - interval '1 minute'` }).where(eq(invoiceSeries.orgId, s.orgId));
    expect(await issue(s.registrations[2]!)).toEqual(["GET /series", "POST /invoice/v2"]);
  });
});
