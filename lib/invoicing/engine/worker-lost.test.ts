// A drainer killed with SIGKILL while SmartBill holds its answer: its request ends in_doubt after the
// lease (never re-sent blind, never stuck in issuing), reconcile proves it, and the rest issue once.
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { getInvoiceRequest } from "@/db/queries/invoices";
import type { InvoiceRequest } from "@/db/schema";
import { createTestDb, type TestDb } from "@/test/db";
import { createInvoicingSchool } from "@/test/invoicing";
import { DEMO, SCHOOL_CIF, startSandbox, type Sandbox } from "@/test/sandbox";
import { drainSeries } from "./drain";
import { reconcileRequest, sweepExpiredLeases } from "./reconcile";
import { createManualRequest } from "../requests/manual";

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

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

it("a drainer SIGKILLed mid-create: in_doubt after its lease, reconciled, nothing duplicated, nothing lost", { timeout: 60_000 }, async () => {
  const s = await createInvoicingSchool(t, sandbox, { count: 3 });
  const requests: InvoiceRequest[] = [];
  for (const registrationId of s.registrations) {
    requests.push((await createManualRequest(t.db, { orgId: s.orgId, actorUserId: s.staffId, registrationId, clientRequestId: randomUUID() })).request);
  }
  const before = (await sandbox.admin.listInvoices({ cif: SCHOOL_CIF, seriesName: "BRS" })).length;
  // SmartBill stores the first invoice, then holds its answer far longer than the child will live.
  await sandbox.admin.addFault({ account: DEMO.email, kind: "timeout_after_store", path: "/invoice/v2", ms: 20_000 });
  await sandbox.mark();
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", path.resolve("test/drain-child.ts")], {
    env: { ...process.env, DATABASE_URL: t.url, DRAIN: JSON.stringify({ orgId: s.orgId, cif: SCHOOL_CIF, series: "BRS", createTimeoutMs: 15_000, leaseMarginMs: -14_000 }) },
    stdio: ["ignore", "pipe", "inherit"],
  });
  try {
    // Three lanes send the three requests at once (no series hold); the first one's answer never comes.
    // Wait until SmartBill got all three and the two answered are recorded, then kill the worker.
    const issuedCount = async () => (await Promise.all(requests.map((r) => getInvoiceRequest(t.db, s.orgId, r.id)))).filter((r) => r!.status === "issued").length;
    for (let i = 0; i < 200 && ((await sandbox.calls()).filter((c) => c.path === "/invoice/v2").length < 3 || (await issuedCount()) < 2); i++) await sleep(100);
    expect((await sandbox.calls()).filter((c) => c.path === "/invoice/v2")).toHaveLength(3);
  } finally {
    child.kill("SIGKILL");
  }
  await new Promise((r) => child.once("exit", r));
  const claimed = await Promise.all(requests.map((r) => getInvoiceRequest(t.db, s.orgId, r.id)));
  const issuing = claimed.filter((r) => r!.status === "issuing");
  expect(issuing).toHaveLength(1);
  expect(claimed.filter((r) => r!.status === "issued")).toHaveLength(2);

  // Lease = slot wait 1 s + create timeout 15 s − 14 s: ~2 s. Until then nothing touches it; then the sweeper does.
  expect((await drainSeries(s.deps(), s.orgId, SCHOOL_CIF, "BRS")).issued).toEqual([]);
  let swept: string[] = [];
  for (let i = 0; i < 50 && !swept.length; i++) {
    await sleep(200);
    swept = await sweepExpiredLeases(t.db, s.orgId);
  }
  expect(swept).toEqual([issuing[0]!.id]);
  expect(await reconcileRequest(s.deps(), s.orgId, swept[0]!)).toBe("linked");

  expect((await drainSeries(s.deps(), s.orgId, SCHOOL_CIF, "BRS")).issued).toEqual([]);
  const after = await sandbox.admin.listInvoices({ cif: SCHOOL_CIF, seriesName: "BRS" });
  expect(after.length - before).toBe(3);
  const final = await Promise.all(requests.map((r) => getInvoiceRequest(t.db, s.orgId, r.id)));
  expect(final.map((r) => r!.status)).toEqual(["issued", "issued", "issued"]);
  expect(new Set(final.map((r) => r!.issuedNumber)).size).toBe(3);
  const attempts = (await sandbox.calls()).filter((c) => c.path === "/invoice/v2");
  expect(attempts).toHaveLength(3);
});
