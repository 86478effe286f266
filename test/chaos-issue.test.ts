// chaos:issue at CI size, asserting: 100 registrations issued against the SmartBill sandbox's standalone
// server while ~10 % of creates are stored and their answer lost (a timeout, a dropped connection) and
// a few answer HTML 500; requests made by two app processes (manual clicks, double clicks, bulk batches),
// two worker processes, one SIGKILLed mid-run and restarted. The run is scripts/chaos-issue-run.ts, the
// same as `npm run chaos:issue` (full size, figures only).
import { afterAll, beforeAll, expect, it } from "vitest";
import { stopBoss } from "@/lib/jobs/boss";
import { formatFigures, runChaos, type ChaosRun } from "@/scripts/chaos-issue-run";
import { createTestDb, type TestDb } from "./db";
import { startSandbox, type Sandbox } from "./sandbox";

let t: TestDb;
let sandbox: Sandbox;
let run: ChaosRun | undefined;
beforeAll(async () => {
  t = await createTestDb({ app: true });
  sandbox = await startSandbox({ db: t });
});
afterAll(async () => {
  await run?.stop();
  await stopBoss();
  await sandbox?.close();
  await t?.drop();
});

it("100 registrations through lost answers, HTML 500s and a killed worker: each has exactly one invoice, none lost, none wrongly linked", { timeout: 150_000 }, async () => {
  const t0 = Date.now();
  run = await runChaos({
    url: t.url,
    h: t,
    admin: sandbox.admin,
    baseUrl: sandbox.baseUrl,
    count: 100,
    series: ["BRS", "BRSC"],
    faults: { timeout_after_store: 0.05, drop_after_store: 0.05, html_500: 0.03 },
    killsAtMs: [3_000],
    doubleClicks: 10,
    bulkBatchSize: 25,
    quietMaxMs: 100_000,
    log: (l) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1)} s] ${l}`),
  });
  const f = run.figures;
  const report = formatFigures(`chaos (${(f.runMs / 1000).toFixed(1)} s)`, f);
  console.log(report);
  // The faults were really met (each stored-then-lost create and each HTML 500 is an ambiguous answer).
  expect(f.faultsQueued, report).toMatchObject({ timeout_after_store: 5, drop_after_store: 5, html_500: 3 });
  expect((f.attemptOutcomes.ambiguous ?? 0) + (f.attemptOutcomes.worker_lost ?? 0), report).toBeGreaterThanOrEqual(13);
  expect(f.requests, report).toBe(100);
  expect(f.invoicesPerReference, report).toEqual({ 1: 100 });
  expect(f.invoicesPerMark, report).toEqual({ 1: 100 });
  expect(f.duplicates, report).toBe(0);
  expect(f.wronglyLinked, report).toBe(0);
  expect(f.lost, report).toBe(0);
  expect(f.stuckIssuing, report).toBe(0);
  // With these faults every request is provable: all end issued, none failed, none left to a person.
  expect(f.statuses, report).toEqual({ issued: 100 });
  expect(f.alarms, report).toBe(0);
});
