// `npm run worker`: the job workers (invoice drains, reconciles, the sweeper) in a process of their own.
// Any number may run next to any number of app instances. DATABASE_URL, or the running app's embedded
// PostgreSQL (scripts/worker-env.ts). Stops gracefully on SIGTERM/SIGINT (running jobs get 20 s).
import { loadWorkerEnv } from "./worker-env";

async function main() {
  loadWorkerEnv();
  const { startWorkers, stopWorkers } = await import("../lib/jobs/run");
  await startWorkers();
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

main().catch((e: unknown) => {
  console.error(`[jobs] ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
