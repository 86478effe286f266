import "server-only";
import type { Database } from "@/db";
import { invoicingTriggers } from "@/lib/invoicing";
import { listOpenRunIds, runQueuedImports } from "@/lib/registrations/import/import-runs";
import { enqueueImport, wakeQueuedInvoices } from "./enqueue";
import { importPayload } from "./queues";

const LOOK_AGAIN_MS = 5_000;

/**
 * Runs the school's queued imports, one after the other, with the same payment triggers as every other
 * payment write (automatic invoicing); after each, wakes the drains of the invoices its payments queued.
 * A job for a school whose import runs elsewhere (another worker, another process) claims nothing and
 * ends at once, asking to look again shortly: if that worker dies, its run is claimed again once stale.
 */
export async function handleImport(deps: { db: Database }, data: unknown): Promise<{ runs: string[] }> {
  const { orgId } = importPayload.parse(data);
  const runs = await runQueuedImports(deps.db, orgId, invoicingTriggers, () => wakeQueuedInvoices(deps.db, orgId));
  if ((await listOpenRunIds(deps.db, orgId)).length) await enqueueImport(orgId, { startAfter: new Date(Date.now() + LOOK_AGAIN_MS) });
  return { runs };
}
