// One process of the multi-process limiter test and the bench: N concurrent callers doing reads through
// the real client and the shared PostgreSQL limiter, then one JSON line of results on stdout.
//   SB_WORKER='{"baseUrl":…,"username":…,"cif":…,"callers":10,"startAt":…,"durationMs":30000,"rateLimit":{…}}'
//   SB_WORKER_TOKEN=… DATABASE_URL=… node --conditions=react-server --import tsx scripts/smartbill-limiter-worker.ts
// The token comes through the environment, never argv (visible to every user in `ps`).
import { createDb } from "../db/client";
import { createSmartBill, createSmartBillLogger, isSmartBillError, loadSmartBillConfig, type RateLimitPolicy } from "../lib/smartbill";

interface WorkerSpec {
  baseUrl: string;
  username: string;
  cif: string;
  callers: number;
  /** Epoch ms at which every worker starts, so they really overlap; 0: print "ready" and read it from stdin. */
  startAt: number;
  durationMs: number;
  rateLimit: Partial<RateLimitPolicy>;
}

/** Loaded and connected: tell the parent, then wait for the common start time on stdin. */
async function handshake(): Promise<number> {
  process.stdout.write("ready\n");
  let buf = "";
  for await (const chunk of process.stdin) {
    buf += String(chunk);
    if (buf.includes("\n")) break;
  }
  return Number(buf.trim());
}

async function main() {
  const spec = JSON.parse(process.env.SB_WORKER ?? "{}") as WorkerSpec;
  const token = process.env.SB_WORKER_TOKEN ?? "";
  const url = process.env.DATABASE_URL;
  if (!url || !token || !spec.baseUrl) throw new Error("DATABASE_URL, SB_WORKER_TOKEN and SB_WORKER are required");

  const waits: number[] = [];
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const errors: Record<string, number> = {};
  // The transport's own call summaries are the measurement: one line per HTTP call, with its wait.
  const logger = createSmartBillLogger("info", (_level, line) => {
    const r = JSON.parse(line) as { event: string; status?: number; waitedMs?: number; ms?: number };
    if (r.event !== "smartbill.call") return;
    statuses[String(r.status)] = (statuses[String(r.status)] ?? 0) + 1;
    if (typeof r.waitedMs === "number") waits.push(r.waitedMs);
    if (typeof r.ms === "number") latencies.push(r.ms);
  });
  const h = createDb(url, { max: 4 });
  const config = loadSmartBillConfig(process.env, { rateLimit: spec.rateLimit, logLevel: "info" });
  const sb = createSmartBill({ db: h.db, config, logger });
  const creds = { username: spec.username, token, cif: spec.cif, baseUrl: spec.baseUrl };

  const startAt = spec.startAt || (await handshake());
  await new Promise((r) => setTimeout(r, Math.max(0, startAt - Date.now())));
  const end = startAt + spec.durationMs;
  let ok = 0;
  let stoppedWaiting = 0;
  const caller = async () => {
    while (Date.now() < end) {
      try {
        // Never wait for a slot past the end of the run.
        await sb.series.list(creds, {}, { maxWaitMs: Math.max(0, end - Date.now()) });
        ok++;
      } catch (e) {
        // The next slot comes after the end of the run: this caller is done.
        if (isSmartBillError(e) && e.code === "rate_limited" && e.httpStatus === undefined && (e.until?.getTime() ?? 0) >= end) {
          stoppedWaiting++;
          return;
        }
        const code = isSmartBillError(e) ? e.code : "other";
        errors[code] = (errors[code] ?? 0) + 1;
      }
    }
  };
  await Promise.all(Array.from({ length: spec.callers }, caller));
  await h.close();
  process.stdout.write(`${JSON.stringify({ pid: process.pid, ok, statuses, errors, stoppedWaiting, waits, latencies })}\n`);
}

main().catch((e: unknown) => {
  console.error(isSmartBillError(e) ? e.toJSON() : String(e));
  process.exit(1);
});
