import "server-only";
import { sql } from "drizzle-orm";
import type { Database } from "@/db";
import { sweepExpiredLeases } from "@/lib/invoicing";
import { logError } from "@/lib/log";
import { enqueueDrains, enqueueReconcile } from "./enqueue";

// The safety net, every ~5 s in each worker process, one at a time across processes (a transaction-level
// advisory lock: a crashed sweeper's lock goes with its connection). It never sends anything to
// SmartBill itself; it only moves dead leases to in_doubt and re-sends wake-ups that may have been lost:
// - issuing past its lease (the worker died mid-call) → in_doubt → reconcile;
// - queued and ready, untouched for `stalledAfterMs` → drain (a running drain of the series just takes
//   its share: the claim caps the school's creates in flight);
// - in_doubt never checked (no evidence yet), or checked with an outcome reconcile retries by itself (a
//   read that may pass, more candidates than one proof reads), untouched for `stalledAfterMs` (its
//   wake-up may be lost), or just moved there → reconcile (deduplicated by the queue's
//   singleton key). Not every round: a reconcile woken while another proves the request would read
//   the same documents again.
// Cross-organisation by nature: it looks for work, then every use-case it wakes is organisation-scoped.

const LOCK_KEY = sql`hashtext('bursar.jobs.sweeper')`;

export interface SweepResult {
  leasesExpired: number;
  drainsWoken: number;
  reconcilesWoken: number;
}

export async function sweepOnce(db: Database, opts: { stalledAfterMs?: number } = {}): Promise<SweepResult | null> {
  const stalledSecs = (opts.stalledAfterMs ?? 30_000) / 1000;
  const found = await db.transaction(async (tx) => {
    const [lock] = (await tx.execute(sql`select pg_try_advisory_xact_lock(${LOCK_KEY}) as ok`)) as unknown as [{ ok: boolean }];
    if (!lock?.ok) return null;
    const expired = await sweepExpiredLeases(tx);
    const stalled = (await tx.execute(sql`
      select distinct r.org_id as "orgId", r.company_cif as "cif", r.series_name as "series"
      from invoice_requests r
      where r.status = 'queued' and r.not_before <= now()
        and r.updated_at < now() - make_interval(secs => ${stalledSecs})
        and not exists (select 1 from invoicing_pauses p where p.org_id = r.org_id)
      limit 1000`)) as unknown as { orgId: string; cif: string; series: string }[];
    const unchecked = (await tx.execute(sql`
      select org_id as "orgId", id as "requestId" from invoice_requests
      where status = 'in_doubt'
        and (((evidence is null or evidence->>'verdict' = 'too_many'
               or (evidence->>'verdict' = 'unreadable' and evidence->'candidates' @> '[{"transient": true}]'::jsonb))
              and updated_at < now() - make_interval(secs => ${stalledSecs})) ${expired.length ? sql`or id in ${expired}` : sql``})
      limit 1000`)) as unknown as { orgId: string; requestId: string }[];
    return { expired, stalled: [...stalled], unchecked: [...unchecked] };
  });
  if (!found) return null;
  // After the commit: the wake-ups must see the in_doubt rows.
  await enqueueDrains(found.stalled);
  for (const r of found.unchecked) await enqueueReconcile(r.orgId, r.requestId);
  return { leasesExpired: found.expired.length, drainsWoken: found.stalled.length, reconcilesWoken: found.unchecked.length };
}

/** Sweeps every `intervalMs` until stopped; errors are logged and the next round tries again. */
export function startSweeper(db: Database, opts: { intervalMs?: number; stalledAfterMs?: number } = {}): { stop(): Promise<void> } {
  const intervalMs = opts.intervalMs ?? 5_000;
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  const tick = () => {
    if (stopped) return;
    running = sweepOnce(db, opts)
      .catch((e: unknown) => logError("jobs.sweeper", e))
      .finally(() => {
        // Jitter so the processes' rounds spread out instead of colliding on the lock.
        if (!stopped) timer = setTimeout(tick, intervalMs * (0.8 + Math.random() * 0.4));
      });
  };
  timer = setTimeout(tick, intervalMs * Math.random());
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
