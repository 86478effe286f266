import "server-only";
import type PgBoss from "pg-boss";
import { getDbHandle } from "@/db";
import { env } from "@/lib/env";
import type { InvoicingDeps } from "@/lib/invoicing";
import { getBoss, stopBoss } from "./boss";
import { workerDeps } from "./deps";
import { handleDrain, handleReconcile } from "./handlers";
import { handleImport } from "./import-handler";
import { DRAIN_QUEUE, IMPORT_QUEUE, RECONCILE_QUEUE, WAKE_CHANNEL, type QueueName } from "./queues";
import { startSweeper } from "./sweeper";

// The workers of one process: N drain loops (each drains one series at a time; different series run in
// parallel, one series is drained by one holder at a time whatever the number of processes), M reconcile
// loops, the sweeper, and a LISTEN on the wake channel so a new request starts within a poll's notice.

export interface WorkerOptions {
  deps?: () => InvoicingDeps;
  drainConcurrency?: number;
  reconcileConcurrency?: number;
  /** Imports of different schools run side by side; each holds one pool connection at a time. */
  importConcurrency?: number;
  /** Fallback poll; a NOTIFY wakes idle loops at once (pg-boss 10's minimum is 0.5 s). */
  pollingIntervalSeconds?: number;
  sweepIntervalMs?: number;
  stalledAfterMs?: number;
  log?: (line: string) => void;
}

export interface RunningWorkers {
  stop(timeoutMs?: number): Promise<void>;
}

const g = globalThis as typeof globalThis & { __bursarWorkers?: Promise<RunningWorkers> };

// Import loops per process: at most this many of the pool's connections ever go to imports.
const IMPORT_WORKERS = 2;

async function start(opts: WorkerOptions): Promise<RunningWorkers> {
  const log = opts.log ?? ((l: string) => console.log(l));
  const e = env();
  const deps = opts.deps ?? workerDeps;
  const boss = await getBoss();
  const polling = { pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 2, batchSize: 1 };
  const ids: Record<QueueName, string[]> = { [DRAIN_QUEUE]: [], [RECONCILE_QUEUE]: [], [IMPORT_QUEUE]: [] };
  const loop = async (queue: QueueName, handle: (d: InvoicingDeps, data: unknown) => Promise<unknown>) =>
    boss.work(queue, polling, async (jobs: PgBoss.Job<unknown>[]) => {
      for (const job of jobs) {
        const out = await handle(deps(), job.data);
        if (e.BURSAR_JOBS_LOG === "debug") log(`[jobs] ${queue} ${JSON.stringify(job.data)} → ${JSON.stringify(out)}`);
      }
    });
  for (let i = 0; i < (opts.drainConcurrency ?? e.BURSAR_DRAIN_WORKERS); i++) ids[DRAIN_QUEUE].push(await loop(DRAIN_QUEUE, handleDrain));
  for (let i = 0; i < (opts.reconcileConcurrency ?? e.BURSAR_RECONCILE_WORKERS); i++) ids[RECONCILE_QUEUE].push(await loop(RECONCILE_QUEUE, handleReconcile));
  for (let i = 0; i < (opts.importConcurrency ?? IMPORT_WORKERS); i++) ids[IMPORT_QUEUE].push(await loop(IMPORT_QUEUE, handleImport));

  const { sql, db } = getDbHandle();
  const listener = await sql.listen(WAKE_CHANNEL, (queue) => {
    for (const id of ids[queue as QueueName] ?? []) boss.notifyWorker(id);
  });
  const sweeper = startSweeper(db, { intervalMs: opts.sweepIntervalMs ?? e.BURSAR_SWEEP_INTERVAL_MS, stalledAfterMs: opts.stalledAfterMs });
  log(`[jobs] workers started (pid ${process.pid}): ${ids[DRAIN_QUEUE].length} drain, ${ids[RECONCILE_QUEUE].length} reconcile, ${ids[IMPORT_QUEUE].length} import`);
  return {
    async stop(timeoutMs = 20_000) {
      await sweeper.stop();
      await listener.unlisten().catch(() => undefined);
      // Waits for running jobs; a drain cut short leaves an issuing request that ends in_doubt after its
      // lease and is reconciled, never re-sent blind.
      await stopBoss(timeoutMs);
    },
  };
}

/** Starts this process's workers once (later calls get the same ones). */
export function startWorkers(opts: WorkerOptions = {}): Promise<RunningWorkers> {
  g.__bursarWorkers ??= start(opts);
  return g.__bursarWorkers;
}

export async function stopWorkers(timeoutMs?: number): Promise<void> {
  const w = g.__bursarWorkers;
  g.__bursarWorkers = undefined;
  if (w) await (await w).stop(timeoutMs);
}

/** BURSAR_WORKERS=off keeps an app instance from working the queues (it still enqueues). */
export function workersEnabled(source?: Record<string, string | undefined>): boolean {
  return !["off", "0", "false", "no"].includes((env(source).BURSAR_WORKERS ?? "").trim().toLowerCase());
}
