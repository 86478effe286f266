// Import runs on real PostgreSQL, as the import job runs them: one running per school, exactly once
// across an interrupted run, automatic invoicing per imported payment, and another school's page
// query answering while one school's 2,000-row import and ten more queued ones run on a 10-connection pool.
import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "@/db/client";
import { listRegistrations } from "@/db/queries/registrations";
import { importRuns, invoiceRequests, payments, registrations } from "@/db/schema";
import { invoicingTriggers } from "@/lib/invoicing/requests/automatic";
import { createTestDb, type TestDb } from "@/test/db";
import { createInvoicingSchool } from "@/test/invoicing";
import { makeRegOrg, type RegOrg } from "@/test/registrations-fixtures";
import { startSandbox, type Sandbox } from "@/test/sandbox";
import { listRegistrationsSchema } from "../schemas";
import type { PaymentTriggers } from "../payment-hooks";
import { listImportRuns } from "./import-run-view";
import { claimNextRun, queueImport, runQueuedImports } from "./import-runs";

let t: TestDb;
let sandbox: Sandbox;

beforeAll(async () => {
  t = await createTestDb();
  sandbox = await startSandbox({ db: t });
}, 60_000);
afterAll(async () => {
  await sandbox?.close();
  await t?.drop();
});

const MAPPING = { clientName: "Părinte", email: "E-mail", participantName: "Copil", courseName: "Curs", paid: "Achitat" };
/** `n` rows of one course: a new client per two rows, each row paid `paid`. */
function fileOf(n: number, tag: string, paid = "100") {
  const rows = Array.from({ length: n }, (_, i) => `Părinte ${tag} ${i >> 1};p-${tag}-${i >> 1}@exemplu.ro;Copil ${tag} ${i};Dans modern;${paid}`);
  return ["Părinte;E-mail;Copil;Curs;Achitat", ...rows].join("\n");
}
const queue = (org: RegOrg | { id: string; users: { staff: string } }, csvText: string, db = t.db) =>
  queueImport(db, { orgId: org.id, actorUserId: org.users.staff, fileName: "scoala.csv", csvText, mapping: MAPPING });
const countOf = async (orgId: string) => {
  const [r] = (await t.sql`select (select count(*) from registrations where org_id = ${orgId})::int r, (select count(*) from payments where org_id = ${orgId})::int p,
    (select count(*) from clients where org_id = ${orgId})::int c`) as unknown as { r: number; p: number; c: number }[];
  return r!;
};

describe("import runs", () => {
  it("one running per school: five jobs at once run the school's three runs one after the other, each row written once", async () => {
    const A = await makeRegOrg(t, "Alpha");
    const before = await countOf(A.id);
    const runs = [await queue(A, fileOf(300, "a")), await queue(A, fileOf(300, "b")), await queue(A, fileOf(300, "a"))];
    expect((await listImportRuns(t.db, A.id)).map((r) => [r.status, r.ahead])).toEqual([["queued", 0], ["queued", 1], ["queued", 2]]);
    let maxRunning = 0;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const [row] = (await t.sql`select count(*)::int n from import_runs where org_id = ${A.id} and status = 'running'`) as unknown as { n: number }[];
        maxRunning = Math.max(maxRunning, row!.n);
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    const done = await Promise.all(Array.from({ length: 5 }, () => runQueuedImports(t.db, A.id, invoicingTriggers)));
    sampling = false;
    await sampler;
    expect(maxRunning).toBe(1);
    expect(done.flat().sort()).toEqual(runs.map((r) => r.id).sort());
    const ended = await t.db.select().from(importRuns).where(eq(importRuns.orgId, A.id)).orderBy(importRuns.createdAt);
    expect(ended.map((r) => [r.status, r.createdRegistrations, r.createdPayments, r.plan?.exists])).toEqual([
      ["done", 300, 300, 0],
      ["done", 300, 300, 0],
      // The first file again: every row already in Bursar.
      ["done", 0, 0, 300],
    ]);
    expect(await countOf(A.id)).toEqual({ r: before.r + 600, p: before.p + 600, c: before.c + 300 });
  }, 60_000);

  it("a run interrupted mid-way (a batch rolled back, a worker gone) is resumed: no row twice, none lost", async () => {
    const B = await makeRegOrg(t, "Beta");
    const before = await countOf(B.id);
    const run = await queue(B, fileOf(600, "c"));
    // The worker "dies" in the second batch (after 250 payments were recorded): that batch rolls back.
    let calls = 0;
    const dying: PaymentTriggers = {
      paymentRecorded: async (tx, e) => {
        if (++calls > 300) throw new Error("worker lost");
        await invoicingTriggers.paymentRecorded(tx, e);
      },
      paymentVoided: invoicingTriggers.paymentVoided,
    };
    await expect(runQueuedImports(t.db, B.id, dying)).rejects.toThrow("worker lost");
    const [mid] = await t.db.select().from(importRuns).where(eq(importRuns.id, run.id));
    expect(mid).toMatchObject({ status: "queued", createdRegistrations: 250, createdPayments: 250 });
    expect(await countOf(B.id)).toMatchObject({ r: before.r + 250, p: before.p + 250 });

    // The retry dry-runs again: the first batch's rows are already in Bursar.
    await runQueuedImports(t.db, B.id, invoicingTriggers);
    const [end] = await t.db.select().from(importRuns).where(eq(importRuns.id, run.id));
    expect(end).toMatchObject({ status: "done", attempts: 2, createdRegistrations: 600, createdPayments: 600, createdClients: 300 });
    expect(await countOf(B.id)).toEqual({ r: before.r + 600, p: before.p + 600, c: before.c + 300 });
    const keys = await t.db.select({ k: payments.externalKey }).from(payments).where(and(eq(payments.orgId, B.id), eq(payments.source, "import")));
    expect(new Set(keys.map((k) => k.k)).size).toBe(600);

    // A run left "running" by a process that died (no heartbeat for minutes) is claimed again.
    const stale = await queue(B, fileOf(10, "d"));
    await t.db.update(importRuns).set({ status: "running", claimId: randomUUID(), heartbeatAt: sql`now() - interval '10 minutes'` }).where(eq(importRuns.id, stale.id));
    const fresh = await queue(B, fileOf(10, "e"));
    // While it still looks alive, nothing else of the school starts.
    await t.db.update(importRuns).set({ heartbeatAt: sql`now()` }).where(eq(importRuns.id, stale.id));
    expect(await claimNextRun(t.db, B.id)).toBeNull();
    await t.db.update(importRuns).set({ heartbeatAt: sql`now() - interval '10 minutes'` }).where(eq(importRuns.id, stale.id));
    expect(await runQueuedImports(t.db, B.id, invoicingTriggers)).toEqual([stale.id, fresh.id]);
    expect(await countOf(B.id)).toMatchObject({ r: before.r + 620 });
  }, 60_000);

  it("fires the payment trigger per imported payment: automatic mode queues one invoice each, and once only", async () => {
    const s = await createInvoicingSchool(t, sandbox, { count: 0, mode: "automatic" });
    const school = { id: s.orgId, users: { staff: s.staffId } };
    // Paid in full (the course costs 1.000 lei): "debt cleared" fires for each.
    await queue(school, fileOf(4, "f", "1000"));
    await runQueuedImports(t.db, s.orgId, invoicingTriggers);
    const requests = await t.db.select().from(invoiceRequests).where(eq(invoiceRequests.orgId, s.orgId));
    expect(requests.map((r) => [r.kind, r.trigger, r.amountBani, r.status])).toEqual(Array(4).fill(["automatic", "debt_cleared", 100_000, "queued"]));
    const paid = await t.db.select({ id: payments.id }).from(payments).where(eq(payments.orgId, s.orgId));
    expect(new Set(requests.map((r) => r.paymentId))).toEqual(new Set(paid.map((p) => p.id)));
    await queue(school, fileOf(4, "f", "1000"));
    await runQueuedImports(t.db, s.orgId, invoicingTriggers);
    expect(await t.db.select().from(invoiceRequests).where(eq(invoiceRequests.orgId, s.orgId))).toHaveLength(4);
  }, 60_000);

  it("a 2,000-row import and ten more queued for one school leave another school's page query answering", async () => {
    const busy = await makeRegOrg(t, "Busy");
    const other = await makeRegOrg(t, "Other");
    // The app's pool size. Today's commit held a connection per queued commit while it waited for the
    // school's lock, so ten queued commits took all ten and the other school's page waited 51.7 s.
    const app = createDb(t.url, { max: 10 });
    try {
      for (let i = 0; i < 11; i++) await queue(busy, fileOf(i === 0 ? 2_000 : 200, `q${i}`), app.db);
      const params = listRegistrationsSchema.parse({});
      const samples: number[] = [];
      let running = true;
      const sampler = (async () => {
        while (running) {
          const t0 = performance.now();
          const page = await listRegistrations(app.db, other.id, params);
          samples.push(performance.now() - t0);
          expect(page.rows.length).toBeGreaterThan(0);
          await new Promise((r) => setTimeout(r, 20));
        }
      })();
      const started = performance.now();
      // Two processes with two import loops each, all woken for the same school.
      const done = await Promise.all(Array.from({ length: 4 }, () => runQueuedImports(app.db, busy.id, invoicingTriggers)));
      const seconds = (performance.now() - started) / 1000;
      running = false;
      await sampler;
      expect(done.flat()).toHaveLength(11);
      expect(await t.db.$count(registrations, eq(registrations.orgId, busy.id))).toBe(1 + 2_000 + 10 * 200);
      const sorted = [...samples].sort((a, b) => a - b);
      const p95 = sorted[Math.floor(sorted.length * 0.95)]!;
      console.info(`[import-runs.test] 4,000 rows in 11 runs: ${seconds.toFixed(1)} s; other school's page: ${samples.length} samples, p95 ${p95.toFixed(0)} ms, max ${sorted.at(-1)!.toFixed(0)} ms`);
      // Every sample answered, none waited for a connection: well under the 1 s of the issue.
      expect(sorted.at(-1)!).toBeLessThan(1_000);
    } finally {
      await app.close();
    }
  }, 180_000);
});
