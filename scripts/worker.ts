// `npm run worker`: the job workers (invoice drains, reconciles, the sweeper) in a process of their own.
// Any number may run next to any number of app instances. DATABASE_URL, or the running app's embedded
// PostgreSQL (scripts/worker-env.ts). Stops gracefully on SIGTERM/SIGINT (running jobs get 20 s).
import { loadWorkerEnv } from "./worker-env";

async function main() {
  loadWorkerEnv();
  const { startWorkers, stopWorkers } = await import("../lib/jobs/run");
  await startWorkers(await scaledLimiter());
  let stopping = false;
  const stop = (sig: string) => {
    if (stopping) process.exit(1);
    stopping = true;
    console.log(`[jobs] ${sig}: stopping`);
    void stopWorkers(20_000).then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
  if (process.env.BURSAR_WORKER_READY === "stdout") process.stdout.write("ready\n");
}

/**
 * chaos:issue runs against a sandbox whose limit is scaled up (like bench:smartbill): the client's limiter is
 * scaled the same way, the production formula kept. Never set in production (the limit is a constant there).
 */
async function scaledLimiter() {
  const spec = process.env.BURSAR_SCALED_RATE_LIMIT;
  if (!spec) return {};
  const rateLimit = JSON.parse(spec) as { limit?: number; blockMs?: number };
  const { db } = await import("../db");
  const { createSmartBill, loadSmartBillConfig } = await import("../lib/smartbill");
  const { workerDeps } = await import("../lib/jobs/deps");
  const sb = createSmartBill({ db, config: loadSmartBillConfig(process.env, { rateLimit }) });
  return { deps: () => ({ ...workerDeps(), sb }) };
}

main().catch((e: unknown) => {
  console.error(`[jobs] ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
