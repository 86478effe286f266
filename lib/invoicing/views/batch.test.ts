// The progress view's promise: its time left counts a wait SmartBill asked for, and a paused school
// gets no time at all.
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { invoiceRequests, invoicingPauses } from "@/db/schema";
import { createTestDb, type TestDb } from "@/test/db";
import { createInvoicingSchool } from "@/test/invoicing";
import { startSandbox, type Sandbox } from "@/test/sandbox";
import { getBatchView } from "./batch";
import { estimateSeconds } from "./bulk-summary";
import { createBulkRequests } from "../requests/bulk";

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

it("time left adds a backoff SmartBill asked for, and a paused school is told it waits", async () => {
  const s = await createInvoicingSchool(t, sandbox, { count: 30 });
  const { batch } = await createBulkRequests(t.db, { orgId: s.orgId, actorUserId: s.staffId, clientBatchId: randomUUID(), selection: { ids: s.registrations } });

  const plain = (await getBatchView(t.db, s.orgId, batch.id))!;
  expect(plain).toMatchObject({ finished: false, paused: false, etaSeconds: estimateSeconds(30) });

  // One request was put back for two minutes ("too many calls"): the drain waits for it.
  const [one] = await t.db.select({ id: invoiceRequests.id }).from(invoiceRequests).where(and(eq(invoiceRequests.orgId, s.orgId), eq(invoiceRequests.batchId, batch.id))).limit(1);
  await t.db.update(invoiceRequests).set({ notBefore: new Date(Date.now() + 120_000) }).where(eq(invoiceRequests.id, one!.id));
  const backedOff = (await getBatchView(t.db, s.orgId, batch.id))!;
  expect(backedOff.etaSeconds).toBeGreaterThanOrEqual(estimateSeconds(30) + 115);
  expect(backedOff.etaSeconds).toBeLessThanOrEqual(estimateSeconds(30) + 121);

  await t.db.insert(invoicingPauses).values({ orgId: s.orgId, reason: "package_exhausted" });
  expect((await getBatchView(t.db, s.orgId, batch.id))!.paused).toBe(true);

  // Another school's pause and backoffs are not this school's.
  const other = await createInvoicingSchool(t, sandbox, { count: 2 });
  const { batch: theirs } = await createBulkRequests(t.db, { orgId: other.orgId, actorUserId: other.staffId, clientBatchId: randomUUID(), selection: { ids: other.registrations } });
  expect(await getBatchView(t.db, other.orgId, theirs.id)).toMatchObject({ paused: false, etaSeconds: estimateSeconds(2) });
});
