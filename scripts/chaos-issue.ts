// chaos:issue — 500 registrations issued against the SmartBill sandbox (its standalone server on loopback)
// while it misbehaves: 5 % of creates stored then answered by a timeout, 5 % stored then the connection
// dropped, 5 % 500 HTML, 2 % 200 with errorText, three bursts of 429s; two app processes create the
// requests (manual clicks, bulk batches, 20 double-clicked rows), two worker processes issue them, one
// worker is SIGKILLed twice and restarted. Then reconcile runs until quiet and a staff member
// bulk-retries the retryable failures. Prints figures, asserts nothing, stops by itself.
// The run itself (scripts/chaos-issue-run.ts) is shared with test/chaos-issue.test.ts, which asserts.
//   npm run chaos:issue [-- --count 500 --series 5]
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { createDb } from "../db/client";
import { runMigrations } from "../db/migrate";
import { retryFailedRequests } from "../lib/invoicing/requests/retry";
import { enqueueDrains } from "../lib/jobs/enqueue";
import { stopBoss } from "../lib/jobs/boss";
import { sandboxAdmin } from "../lib/smartbill-sandbox/admin";
import { startSandboxServer } from "../lib/smartbill-sandbox/server";
import { CHAOS_CIF, chaosFigures, formatFigures, runChaos, waitQuiet, type ChaosRun } from "./chaos-issue-run";
import { startEmbeddedPostgres } from "./embedded-pg";

async function main() {
  const { values } = parseArgs({ options: { count: { type: "string", default: "500" }, series: { type: "string", default: "5" } } });
  const count = Math.max(40, Number(values.count));
  const seriesCount = Math.min(5, Math.max(1, Number(values.series)));
  const started = Date.now();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "chaos-issue-"));
  fs.chmodSync(dir, 0o755);
  const pg = await startEmbeddedPostgres({ dataDir: path.join(dir, "data"), port: 0, database: "chaos", persistent: false, fast: true });
  const h = createDb(pg.url, { max: 6 });
  const admin = sandboxAdmin(h.sql);
  let server: Awaited<ReturnType<typeof startSandboxServer>> | undefined;
  let run: ChaosRun | undefined;
  try {
    await runMigrations(pg.url);
    process.env.DATABASE_URL = pg.url;
    await admin.reset({ seedDemo: true });
    server = await startSandboxServer({ databaseUrl: pg.url, seedDemo: false });
    const series = ["BRS", "BRSC", "CH1", "CH2", "CH3"].slice(0, seriesCount);
    run = await runChaos({
      url: pg.url,
      h,
      admin,
      baseUrl: server.baseUrl,
      count,
      series,
      faults: { timeout_after_store: 0.05, drop_after_store: 0.05, html_500: 0.05, error_text_200: 0.02, burst_429: 3 },
      killsAtMs: [8_000, 20_000],
      doubleClicks: 20,
      bulkBatchSize: 50,
      quietMaxMs: 6 * 60_000,
    });
    console.log(formatFigures(`after the run and reconcile until quiet (+${((Date.now() - started) / 1000).toFixed(0)} s)`, run.figures));

    // A staff member's bulk retry of retryable failures (rebuilt from today's settings).
    const { school } = run;
    const retried = await retryFailedRequests(h.db, { orgId: school.orgId, actorUserId: school.staffId });
    await enqueueDrains(series.map((s) => ({ orgId: school.orgId, cif: CHAOS_CIF, series: s })));
    console.log(`[chaos] bulk retry: ${retried.retried.length} retried, ${retried.skipped} skipped (not retryable)`);
    await waitQuiet(h, school.orgId, 3 * 60_000);
    console.log(formatFigures(`after the bulk retry (+${((Date.now() - started) / 1000).toFixed(0)} s)`, await chaosFigures(h, school)));
  } finally {
    await run?.stop();
    await stopBoss();
    await server?.close();
    await h.close();
    await pg.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
