import "server-only";
import PgBoss from "pg-boss";
import { env } from "@/lib/env";
import { QUEUE_OPTIONS, type QueueName } from "./queues";

// One PgBoss per process (app instance or `npm run worker`), on the app's database, schema `pgboss`.
// pg-boss creates/migrates its schema itself under an advisory lock, so any number may start at once.

export const BOSS_SCHEMA = "pgboss";

const g = globalThis as typeof globalThis & { __bursarBoss?: Promise<PgBoss> };

function databaseUrl(): string {
  const url = env().DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: the job queue lives in the app's database.");
  return url;
}

async function ensureQueues(boss: PgBoss): Promise<void> {
  for (const [name, options] of Object.entries(QUEUE_OPTIONS) as [QueueName, (typeof QUEUE_OPTIONS)[QueueName]][]) {
    // Processes starting together race here (create_queue makes a partition: duplicates and deadlocks).
    for (let attempt = 1; !(await boss.getQueue(name)); attempt++) {
      try {
        await boss.createQueue(name, { name, ...options });
      } catch (e) {
        if (attempt >= 8) throw e;
        await new Promise((r) => setTimeout(r, 50 + Math.random() * 200 * attempt));
      }
    }
  }
}

async function start(): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString: databaseUrl(),
    schema: BOSS_SCHEMA,
    application_name: "bursar-jobs",
    max: 4,
    // No cron schedules: the sweeper is our own loop (sweeper.ts).
    schedule: false,
  });
  // pg-boss emits "error" for failed polls and maintenance; without a listener an EventEmitter throws.
  boss.on("error", (e) => console.error(`[jobs] pg-boss: ${e.message}`));
  await boss.start();
  await ensureQueues(boss);
  return boss;
}

/** This process's PgBoss, started (and its queues created) on first use. */
export function getBoss(): Promise<PgBoss> {
  if (!g.__bursarBoss) {
    g.__bursarBoss = start();
    g.__bursarBoss.catch(() => (g.__bursarBoss = undefined));
  }
  return g.__bursarBoss;
}

/** Stops this process's PgBoss: waits up to `timeoutMs` for running jobs, then closes its pool. */
export async function stopBoss(timeoutMs = 20_000): Promise<void> {
  const p = g.__bursarBoss;
  g.__bursarBoss = undefined;
  if (!p) return;
  const boss = await p.catch(() => null);
  await boss?.stop({ graceful: true, wait: true, timeout: timeoutMs, close: true });
}
