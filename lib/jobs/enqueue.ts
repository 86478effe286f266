import "server-only";
import type { Executor } from "@/db";
import { getQueuedSeries } from "@/db/queries/invoices";
import { logError } from "@/lib/log";
import { getBoss } from "./boss";
import { DRAIN_QUEUE, IMPORT_QUEUE, RECONCILE_QUEUE, WAKE_CHANNEL, drainKey, drainPayload, importPayload, reconcileKey, reconcilePayload, type QueueName } from "./queues";

// Wake-ups, sent after the request rows are committed. They never throw: a lost wake-up only delays
// (the sweeper re-enqueues queued requests that made no progress for 30 s), and the caller's
// transaction is already committed.

async function send(queue: QueueName, data: object, singletonKey: string, startAfter?: Date): Promise<void> {
  try {
    const boss = await getBoss();
    await boss.send(queue, data, { singletonKey, ...(startAfter ? { startAfter } : {}) });
    // Nudge idle workers in every process (they fetch at once instead of at their next poll).
    if (!startAfter || startAfter.getTime() <= Date.now()) await boss.getDb().executeSql("select pg_notify($1, $2)", [WAKE_CHANNEL, queue]);
  } catch (e) {
    logError(`jobs.enqueue.${queue}`, e);
  }
}

/** Wakes a drain of one (company, series) now, or at `startAfter`. */
export async function enqueueDrain(orgId: string, cif: string, series: string, opts: { startAfter?: Date } = {}): Promise<void> {
  const data = drainPayload.parse({ orgId, cif, series });
  const delayed = !!opts.startAfter && opts.startAfter.getTime() > Date.now();
  await send(DRAIN_QUEUE, data, drainKey(data, delayed), delayed ? opts.startAfter : undefined);
}

/** Wakes a drain for each (company, series), once each. */
export async function enqueueDrains(list: readonly { orgId: string; cif: string; series: string }[]): Promise<void> {
  const seen = new Set<string>();
  for (const s of list) {
    const k = drainKey(s);
    if (seen.has(k)) continue;
    seen.add(k);
    await enqueueDrain(s.orgId, s.cif, s.series);
  }
}

/** Asks for a reconcile of an in_doubt request now, or at `startAfter` (the end of its grace period). */
export async function enqueueReconcile(orgId: string, requestId: string, opts: { startAfter?: Date } = {}): Promise<void> {
  const data = reconcilePayload.parse({ orgId, requestId });
  const delayed = !!opts.startAfter && opts.startAfter.getTime() > Date.now();
  await send(RECONCILE_QUEUE, data, reconcileKey(data, delayed), delayed ? opts.startAfter : undefined);
}

/** After a commit that may have queued invoice requests (a payment in automatic mode, an import): wake their series. */
export async function wakeQueuedInvoices(db: Executor, orgId: string): Promise<void> {
  try {
    await enqueueDrains(await getQueuedSeries(db, orgId));
  } catch (e) {
    logError("jobs.wake", e);
  }
}

/**
 * Wakes the school's import job after a run was queued (one waiting wake-up per school is enough), or
 * at `startAfter` to look again while another process's job holds the school's running import (its own
 * key, so a wake-up waiting for later never swallows an immediate one).
 */
export async function enqueueImport(orgId: string, opts: { startAfter?: Date } = {}): Promise<void> {
  const data = importPayload.parse({ orgId });
  await send(IMPORT_QUEUE, data, `import:${orgId}${opts.startAfter ? ":later" : ""}`, opts.startAfter);
}
