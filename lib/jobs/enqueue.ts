import "server-only";
import { getBoss } from "./boss";
import { DRAIN_QUEUE, RECONCILE_QUEUE, WAKE_CHANNEL, drainKey, drainPayload, reconcileKey, reconcilePayload, type QueueName } from "./queues";

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
    console.error(`[jobs] could not enqueue ${queue}: ${e instanceof Error ? e.message : String(e)}`);
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
