// The durable queues (pg-boss 10, schema `pgboss`) and their payloads. A job only wakes a use-case up:
// the invoice_requests row is the state machine, so a lost or duplicated job delays an invoice, never
// double-issues one.
import { z } from "zod";

export const DRAIN_QUEUE = "invoice-drain";
export const RECONCILE_QUEUE = "invoice-reconcile";
/** A school's CSV imports to run (lib/registrations/import/import-runs.ts): the run rows are the state. */
export const IMPORT_QUEUE = "registration-import";
export type QueueName = typeof DRAIN_QUEUE | typeof RECONCILE_QUEUE | typeof IMPORT_QUEUE;

export const drainPayload = z.object({ orgId: z.uuid(), cif: z.string().min(1), series: z.string().min(1) });
export type DrainPayload = z.infer<typeof drainPayload>;
export const reconcilePayload = z.object({ orgId: z.uuid(), requestId: z.uuid() });
export type ReconcilePayload = z.infer<typeof reconcilePayload>;
export const importPayload = z.object({ orgId: z.uuid() });

// "short": at most one job WAITING per singleton key, so a burst of wake-ups for one series (a bulk of
// 300, twenty clicks, the sweeper) is one job; one more can wait while a drain runs, so a wake-up that
// arrives mid-drain is not lost. A throttle window (singletonSeconds) is not used: it also counts
// completed jobs, so a wake-up right after a drain finished would be dropped until the sweeper.
// "stately" is not used either: its fetch fails the whole poll when the oldest waiting job's key is
// active, which would starve every other series behind one long drain.
export const QUEUE_OPTIONS = {
  [DRAIN_QUEUE]: { policy: "short", retryLimit: 5, retryDelay: 5, retryBackoff: true, expireInSeconds: 300, retentionMinutes: 60 },
  [RECONCILE_QUEUE]: { policy: "short", retryLimit: 10, retryDelay: 10, retryBackoff: true, expireInSeconds: 180, retentionMinutes: 60 },
  // One waiting wake-up per school (its job runs every queued run of the school, one after the other);
  // a job that died mid-run expires and is retried, and the retry resumes the run (import-runs.ts).
  [IMPORT_QUEUE]: { policy: "short", retryLimit: 5, retryDelay: 10, retryBackoff: true, expireInSeconds: 900, retentionMinutes: 60 },
} as const;

/** Immediate wake-ups share one key per series; delayed ones (backoff, rate limit) another, so a
 * wake-up waiting for later never swallows an immediate one (a manual issue during a backoff). */
export function drainKey(p: DrainPayload, delayed = false): string {
  return `${p.orgId}:${p.cif}:${p.series}${delayed ? ":later" : ""}`;
}

export function reconcileKey(p: ReconcilePayload, delayed = false): string {
  return `${p.orgId}:${p.requestId}${delayed ? ":later" : ""}`;
}

/** LISTEN/NOTIFY channel: a cross-process nudge so an idle worker fetches now instead of at its next poll. */
export const WAKE_CHANNEL = "bursar_jobs";
