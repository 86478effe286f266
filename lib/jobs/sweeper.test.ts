// The sweeper on real PostgreSQL: one at a time across processes, dead leases to in_doubt, lost wake-ups re-sent.
import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "@/db/client";
import { invoiceRequests } from "@/db/schema";
import { createManualRequest } from "@/lib/invoicing/requests/manual";
import { createTestDb, type TestDb } from "@/test/db";
import { createInvoicingSchool } from "@/test/invoicing";
import { startSandbox, type Sandbox } from "@/test/sandbox";
import { getBoss, stopBoss } from "./boss";
import { DRAIN_QUEUE, RECONCILE_QUEUE } from "./queues";
import { sweepOnce } from "./sweeper";

let t: TestDb;
let sandbox: Sandbox;
beforeAll(async () => {
  t = await createTestDb({ app: true });
  sandbox = await startSandbox({ db: t });
});
afterAll(async () => {
  await stopBoss();
  await sandbox?.close();
  await t?.drop();
});

const waiting = async (queue: string) => (await getBoss()).getQueueSize(queue);

describe("sweepOnce", () => {
  it("moves a dead lease to in_doubt with a reconcile job, wakes a drain for a stalled series once, and does nothing while another process sweeps", async () => {
    const s = await createInvoicingSchool(t, sandbox, { count: 2 });
    const a = await createManualRequest(t.db, { orgId: s.orgId, actorUserId: s.staffId, registrationId: s.registrations[0]!, clientRequestId: randomUUID() });
    const b = await createManualRequest(t.db, { orgId: s.orgId, actorUserId: s.staffId, registrationId: s.registrations[1]!, clientRequestId: randomUUID() });
    // a: a worker died mid-call (issuing, lease over); b: queued 60 s ago and its wake-up lost.
    await t.db.update(invoiceRequests).set({ status: "issuing", leaseUntil: sql`now() - interval '1 second'` }).where(eq(invoiceRequests.id, a.request.id));
    await t.db.update(invoiceRequests).set({ updatedAt: sql`now() - interval '60 seconds'` }).where(eq(invoiceRequests.id, b.request.id));
    await getBoss();
    const drainsBefore = await waiting(DRAIN_QUEUE);
    const reconcilesBefore = await waiting(RECONCILE_QUEUE);

    // Another process is sweeping (it holds the lock): this round does nothing.
    const other = createDb(t.url, { max: 1 });
    try {
      await other.sql.begin(async (tx) => {
        await tx`select pg_advisory_xact_lock(hashtext('bursar.jobs.sweeper'))`;
        expect(await sweepOnce(t.db)).toBeNull();
      });
    } finally {
      await other.close();
    }
    expect((await t.db.select().from(invoiceRequests).where(eq(invoiceRequests.id, a.request.id)))[0]!.status).toBe("issuing");
    expect(await sweepOnce(t.db)).toMatchObject({ leasesExpired: 1, drainsWoken: 1 });
    const [row] = await t.db.select().from(invoiceRequests).where(eq(invoiceRequests.id, a.request.id));
    expect(row!.status).toBe("in_doubt");
    expect(await waiting(RECONCILE_QUEUE)).toBe(reconcilesBefore + 1);
    expect(await waiting(DRAIN_QUEUE)).toBe(drainsBefore + 1);
    // A second round re-sends the same wake-ups: the queue keeps one waiting job per key.
    await sweepOnce(t.db);
    expect(await waiting(RECONCILE_QUEUE)).toBe(reconcilesBefore + 1);
    expect(await waiting(DRAIN_QUEUE)).toBe(drainsBefore + 1);
  });
});
