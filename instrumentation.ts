// Next.js calls register() once per server process before it serves requests. The Node.js server starts
// the job workers here (unless BURSAR_WORKERS=off); `npm run worker` runs the same workers on their own.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const { startWorkers, stopWorkers, workersEnabled } = await import("./lib/jobs/run");
  if (!workersEnabled()) return;
  if (!process.env.DATABASE_URL) return;
  await startWorkers().catch((e: unknown) => console.error(`[jobs] workers did not start: ${e instanceof Error ? e.message : String(e)}`));
  let stopping = false;
  for (const sig of ["SIGTERM", "SIGINT"] as const) {
    process.once(sig, () => {
      if (stopping) return;
      stopping = true;
      // Running jobs get a moment to finish; anything cut short is recovered by lease → in_doubt → reconcile.
      void stopWorkers(10_000).finally(() => process.exit(0));
    });
  }
}
