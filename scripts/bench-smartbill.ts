// Throughput of the shared SmartBill limiter: N processes × M callers doing reads against the sandbox at
// a scaled limit (300 calls / 10 s), with the limiter's production formula scaled to it.
//   npm run bench:smartbill [-- --processes 3 --callers 10 --seconds 30 --mode fixed|sliding]
// Prints achieved vs allowed calls/s, the 429 count and the limiter wait; target: ratio ≥ 0.9, no 429.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { createDb } from "../db/client";
import { runMigrations } from "../db/migrate";
import { budgetOf, loadSmartBillConfig } from "../lib/smartbill";
import { sandboxAdmin } from "../lib/smartbill-sandbox/admin";
import { DEMO_SMARTBILL } from "../lib/smartbill-sandbox/demo";
import { startSandboxServer } from "../lib/smartbill-sandbox/server";
import { startEmbeddedPostgres } from "./embedded-pg";
import { maxInWindow, percentile, runLimiterWorkers, sustainedRate } from "./smartbill-workers";

const LIMIT = 300;
const WINDOW_MS = 10_000;

async function main() {
  const { values } = parseArgs({
    options: {
      processes: { type: "string", default: "3" },
      callers: { type: "string", default: "10" },
      seconds: { type: "string", default: "30" },
      mode: { type: "string", default: "fixed" },
    },
  });
  const processes = Math.max(2, Number(values.processes));
  const callers = Math.max(1, Number(values.callers));
  const durationMs = Math.max(5, Number(values.seconds)) * 1000;
  const mode = values.mode === "sliding" ? "sliding" : "fixed";

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-smartbill-"));
  fs.chmodSync(dir, 0o755); // the postgres OS user must traverse it when we run as root
  const pg = await startEmbeddedPostgres({ dataDir: path.join(dir, "data"), port: 0, database: "bench", persistent: false, fast: true });
  const h = createDb(pg.url, { max: 3 });
  let server: Awaited<ReturnType<typeof startSandboxServer>> | undefined;
  try {
    await runMigrations(pg.url);
    const admin = sandboxAdmin(h.sql);
    await admin.reset({ seedDemo: true });
    await admin.setRateLimit({ account: DEMO_SMARTBILL.email, limit: LIMIT, windowMs: WINDOW_MS, blockMs: 60_000, mode });
    server = await startSandboxServer({ databaseUrl: pg.url });

    // Everything else (headroom, margin, slack…) is the production default: same formula, scaled limit.
    const rateLimit = { limit: LIMIT, windowMs: WINDOW_MS };
    const policy = loadSmartBillConfig({}, { rateLimit }).rateLimit;
    console.log(
      `SmartBill limiter bench: ${processes} processes × ${callers} callers, ${durationMs / 1000} s of GET /series; ` +
        `sandbox ${LIMIT} calls / ${WINDOW_MS / 1000} s (${mode}); limiter budget ${budgetOf(policy)} per ${WINDOW_MS + policy.marginMs} ms`,
    );
    const { startAt, results } = await runLimiterWorkers({
      processes,
      databaseUrl: pg.url,
      token: DEMO_SMARTBILL.token,
      spec: { baseUrl: server.baseUrl, username: DEMO_SMARTBILL.email, cif: DEMO_SMARTBILL.company.cif, callers, durationMs, rateLimit },
    });

    const log = await admin.readCallLog({ account: DEMO_SMARTBILL.email, limit: 10_000 });
    const inRun = log.filter((c) => c.at.getTime() >= startAt && c.at.getTime() < startAt + durationMs);
    const okTimes = inRun.filter((c) => c.status === 200).map((c) => c.at.getTime());
    const ok = okTimes.length;
    const tooMany = log.filter((c) => c.status === 429).length;
    const achieved = ok / (durationMs / 1000);
    const allowed = LIMIT / (WINDOW_MS / 1000);
    const waits = results.flatMap((r) => r.waits);
    const latencies = results.flatMap((r) => r.latencies);
    const errors = results.reduce<Record<string, number>>((acc, r) => {
      for (const [k, v] of Object.entries(r.errors)) acc[k] = (acc[k] ?? 0) + v;
      return acc;
    }, {});
    const busiest = maxInWindow(log.map((c) => c.at.getTime()), WINDOW_MS);
    const sustained = sustainedRate(okTimes, durationMs);
    // Judged on the lower of the two, so where the run happens to end cannot flatter the figure.
    const ratio = Math.min(achieved, sustained) / allowed;
    console.log(
      [
        `calls answered 200:     ${ok} (${log.length} logged in total)`,
        `achieved calls/s:       ${achieved.toFixed(2)}`,
        `sustained calls/s:      ${sustained.toFixed(2)} (whole limiter periods only)`,
        `allowed calls/s:        ${allowed.toFixed(2)}`,
        `ratio:                  ${ratio.toFixed(3)} (lower of achieved and sustained, over allowed)`,
        `429 responses:          ${tooMany}`,
        `busiest ${WINDOW_MS / 1000} s window:    ${busiest} calls (limit ${LIMIT}), from the sandbox's timestamps`,
        `limiter wait p50 / p95: ${percentile(waits, 50)} ms / ${percentile(waits, 95)} ms over ${waits.length} calls`,
        `call latency p50 / p95: ${percentile(latencies, 50)} ms / ${percentile(latencies, 95)} ms (slot to answer)`,
        `client errors:          ${JSON.stringify(errors)}`,
        ratio >= 0.9 && tooMany === 0 ? "target met (ratio ≥ 0.9, no 429)" : "TARGET MISSED (ratio ≥ 0.9, no 429)",
      ].join("\n"),
    );
    process.exitCode = ratio >= 0.9 && tooMany === 0 && busiest <= LIMIT ? 0 : 1;
  } finally {
    await server?.close();
    await h.close();
    await pg.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
