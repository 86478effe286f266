// A bulk of 200 through drainSeries at SmartBill's limit scaled 5× faster (30 calls / 2 s, the client's
// limiter scaled the same way, as scripts/bench-smartbill.ts does): never over the limit, one invoice each.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { getBatchSummary } from "@/db/queries/invoice-batches";
import { createTestDb, type TestDb } from "@/test/db";
import { createInvoicingSchool } from "@/test/invoicing";
import { DEMO, SCHOOL_CIF, startSandbox, type Sandbox } from "@/test/sandbox";
import { drainSeries } from "../engine/drain";
import { createBulkRequests } from "./bulk";
import { createManualRequest } from "./manual";

const LIMIT = 30;
const WINDOW_MS = 2_000;

let t: TestDb;
let sandbox: Sandbox;
beforeAll(async () => {
  t = await createTestDb();
  sandbox = await startSandbox({ db: t, rateLimit: "smartbill" });
  await sandbox.admin.setRateLimit({ account: DEMO.email, limit: LIMIT, windowMs: WINDOW_MS, blockMs: 60_000, mode: "sliding" });
});
afterAll(async () => {
  await sandbox?.close();
  await t?.drop();
});

it("200 invoices in one bulk run never exceed SmartBill's rate limit, and a double-clicked Confirm makes one batch", { timeout: 120_000 }, async () => {
  const s = await createInvoicingSchool(t, sandbox, { count: 200 });
  const clientBatchId = randomUUID();
  const [first, again] = await Promise.all([
    createBulkRequests(t.db, { orgId: s.orgId, actorUserId: s.staffId, clientBatchId, selection: { ids: s.registrations } }),
    createBulkRequests(t.db, { orgId: s.orgId, actorUserId: s.staffId, clientBatchId, selection: { ids: s.registrations } }),
  ]);
  expect(first.batch.id).toBe(again.batch.id);
  expect([first.created, again.created].sort()).toEqual([0, 200]);
  const deps = s.deps({ client: { rateLimit: { limit: LIMIT, windowMs: WINDOW_MS, blockMs: 60_000, headroom: 0.05, marginMs: 100 } }, slotWaitMs: 10_000 });
  await sandbox.mark();
  const started = Date.now();
  let issued = 0;
  for (let i = 0; i < 20; i++) {
    const r = await drainSeries(deps, s.orgId, SCHOOL_CIF, "BRS");
    issued += r.issued.length;
    if (!r.more && r.stopped === "empty") break;
  }
  const seconds = (Date.now() - started) / 1000;
  expect(issued).toBe(200);
  const progress = await getBatchSummary(t.db, s.orgId, first.batch.id);
  expect(progress!.counts).toMatchObject({ issued: 200, queued: 0, failed: 0, in_doubt: 0 });

  const calls = await sandbox.calls();
  expect(calls.filter((c) => c.status === 429)).toHaveLength(0);
  const times = calls.map((c) => new Date(c.at).getTime()).sort((a, b) => a - b);
  let busiest = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (times[i]! - times[j]! >= WINDOW_MS) j++;
    busiest = Math.max(busiest, i - j + 1);
  }
  expect(busiest).toBeLessThanOrEqual(LIMIT);
  const creates = calls.filter((c) => c.path === "/invoice/v2").length;
  expect(creates).toBe(200);
  console.log(`bulk 200: ${seconds.toFixed(1)} s, ${(200 / seconds).toFixed(2)} invoices/s (limit ${LIMIT / (WINDOW_MS / 1000)} calls/s), ${calls.length} calls, busiest ${WINDOW_MS} ms window ${busiest}`);
});

it("a single manual issue made during a bulk run is sent before the bulk's queued requests", async () => {
  const s = await createInvoicingSchool(t, sandbox, { count: 4 });
  await createBulkRequests(t.db, { orgId: s.orgId, actorUserId: s.staffId, clientBatchId: randomUUID(), selection: { ids: s.registrations.slice(0, 3) } });
  const manual = await createManualRequest(t.db, { orgId: s.orgId, actorUserId: s.staffId, registrationId: s.registrations[3]!, clientRequestId: randomUUID() });
  const r = await drainSeries(s.deps(), s.orgId, SCHOOL_CIF, "BRS");
  expect(r.issued[0]).toBe(manual.request.id);
  expect(r.issued).toHaveLength(4);
});
