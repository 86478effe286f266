// Two real worker processes (scripts/worker.ts) on real PostgreSQL, the SmartBill sandbox over HTTP.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "@/db/client";
import { getInvoiceRequest, listRegistrationInvoices } from "@/db/queries/invoices";
import { createManualRequest } from "@/lib/invoicing/requests/manual";
import { createTestDb, type TestDb } from "@/test/db";
import { createInvoicingSchool } from "@/test/invoicing";
import { DEMO, SCHOOL_CIF, startSandbox, type Sandbox } from "@/test/sandbox";
import { startWorkerProcess, type WorkerProcess } from "@/scripts/worker-processes";
import { stopBoss } from "./boss";
import { enqueueDrain } from "./enqueue";

let t: TestDb;
let sandbox: Sandbox;
const workers: WorkerProcess[] = [];

// Short timings so a killed worker's lease runs out in seconds; the create timeout stays above the
// sandbox's held answer only where the test needs the worker to be killed while it waits.
const WORKER_ENV = {
  SMARTBILL_CREATE_TIMEOUT_MS: "10000",
  SMARTBILL_TIMEOUT_MS: "3000",
  BURSAR_SLOT_WAIT_MS: "2000",
  BURSAR_LEASE_MARGIN_MS: "1000",
  BURSAR_RECONCILE_GRACE_MS: "11000",
  BURSAR_SWEEP_INTERVAL_MS: "500",
};

beforeAll(async () => {
  t = await createTestDb({ app: true });
  sandbox = await startSandbox({ db: t });
});
afterAll(async () => {
  await Promise.all(workers.map((w) => w.kill("SIGKILL")));
  await stopBoss();
  await sandbox?.close();
  await t?.drop();
});

const spawnWorker = async () => {
  const w = await startWorkerProcess(t.url, WORKER_ENV);
  workers.push(w);
  return w;
};

async function until<T>(what: string, fn: () => Promise<T | null | undefined | false>, timeoutMs = 40_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const invoicesFor = async (reference: string) => (await sandbox.admin.listInvoices({ cif: SCHOOL_CIF, limit: 10_000 })).filter((i) => !i.isDraft && i.mentions?.split("\n")[0] === `Ref. ${reference}`);

async function referenceOf(registrationId: string): Promise<string> {
  const rows = (await t.sql`select reference from registrations where id = ${registrationId}`) as unknown as { reference: string }[];
  return rows[0]!.reference;
}

describe("workers in separate processes", () => {
  it("20 concurrent Issue calls from separate connections with two worker processes make exactly one SmartBill invoice", { timeout: 90_000 }, async () => {
    const s = await createInvoicingSchool(t, sandbox, { count: 1 });
    await Promise.all([spawnWorker(), spawnWorker()]);
    const [registrationId] = s.registrations;
    const handles = Array.from({ length: 20 }, () => createDb(t.url, { max: 1 }));
    const doubleClick = randomUUID();
    const clicked = Date.now();
    try {
      // Each click is what the Issue action does: create the request, then wake a drain after commit.
      const results = await Promise.allSettled(
        handles.map(async (h, i) => {
          const r = await createManualRequest(h.db, { orgId: s.orgId, actorUserId: s.staffId, registrationId: registrationId!, clientRequestId: i % 2 ? doubleClick : randomUUID() });
          await enqueueDrain(s.orgId, r.request.companyCif, r.request.seriesName);
          return r;
        }),
      );
      const ids = new Set(results.flatMap((r) => (r.status === "fulfilled" ? [r.value.request.id] : [])));
      expect(ids.size).toBe(1);
      const [id] = [...ids];
      const issued = await until("the request to be issued", async () => {
        const r = await getInvoiceRequest(t.db, s.orgId, id!);
        return r?.status === "issued" ? r : null;
      });
      console.log(`[workers.test] click → issued in ${Date.now() - clicked} ms with two worker processes`);
      // Give any duplicate a chance to show up before counting.
      await new Promise((r) => setTimeout(r, 1500));
      const inSmartBill = await invoicesFor(await referenceOf(registrationId!));
      expect(inSmartBill.map((i) => i.number)).toEqual([issued.issuedNumber]);
      const [req] = await listRegistrationInvoices(t.db, s.orgId, registrationId!);
      expect(req!.attempts.map((a) => a.outcome)).toEqual(["issued"]);
    } finally {
      await Promise.all(handles.map((h) => h.close()));
    }
  });

  it("a worker killed with SIGKILL mid-issue and a worker restarted: in_doubt → reconciled → linked; nothing duplicated, nothing lost", { timeout: 120_000 }, async () => {
    const s = await createInvoicingSchool(t, sandbox, { count: 2 });
    await Promise.all(workers.splice(0).map((w) => w.kill("SIGTERM")));
    const [first, second] = s.registrations as [string, string];
    // SmartBill stores the invoice, then holds its answer longer than it takes us to kill the worker.
    await sandbox.admin.addFault({ account: DEMO.email, kind: "timeout_after_store", path: "/invoice/v2", ms: 15_000 });
    const victim = await spawnWorker();
    const a = await createManualRequest(t.db, { orgId: s.orgId, actorUserId: s.staffId, registrationId: first, clientRequestId: randomUUID() });
    await enqueueDrain(s.orgId, SCHOOL_CIF, "BRS");
    const refA = await referenceOf(first);
    // Mid-issue: the request is issuing and SmartBill has stored the invoice, its answer not yet sent.
    await until("the create to reach SmartBill", async () => (await getInvoiceRequest(t.db, s.orgId, a.request.id))?.status === "issuing" && (await invoicesFor(refA)).length === 1);
    await victim.kill("SIGKILL");
    // Queued behind it on the same series while no worker runs.
    const b = await createManualRequest(t.db, { orgId: s.orgId, actorUserId: s.staffId, registrationId: second, clientRequestId: randomUUID() });
    await enqueueDrain(s.orgId, SCHOOL_CIF, "BRS");
    expect((await getInvoiceRequest(t.db, s.orgId, a.request.id))?.status).toBe("issuing");

    await spawnWorker();
    const linked = await until("the first request to be reconciled", async () => {
      const r = await getInvoiceRequest(t.db, s.orgId, a.request.id);
      return r?.status === "issued" ? r : null;
    });
    const issuedB = await until("the second request to be issued", async () => {
      const r = await getInvoiceRequest(t.db, s.orgId, b.request.id);
      return r?.status === "issued" ? r : null;
    });
    const [reqA] = await listRegistrationInvoices(t.db, s.orgId, first);
    expect(reqA!.attempts.map((x) => x.outcome)).toEqual(["worker_lost", "linked"]);
    const inSmartBillA = await invoicesFor(refA);
    const inSmartBillB = await invoicesFor(await referenceOf(second));
    expect(inSmartBillA.map((i) => i.number)).toEqual([linked.issuedNumber]);
    expect(inSmartBillB.map((i) => i.number)).toEqual([issuedB.issuedNumber]);
    expect(Number(issuedB.issuedNumber)).toBe(Number(linked.issuedNumber) + 1);
  });
});
