// One "app instance" of chaos:issue: creates invoice requests the way the Issue and Bulk issue actions
// do (create, then wake a drain after commit), on its own pool, then prints one JSON line.
//   CHAOS_APP='{"orgId":…,"actorUserId":…,"manual":[ids],"doubleClicks":[{"registrationId","clientRequestId"}],"bulk":[[ids],…]}'
import { randomUUID } from "node:crypto";
import { createDb } from "../db/client";
import { stopBoss } from "../lib/jobs/boss";
import { enqueueDrain } from "../lib/jobs/enqueue";
import { createBulkRequests } from "../lib/invoicing/requests/bulk";
import { createManualRequest } from "../lib/invoicing/requests/manual";
import { getQueuedSeries } from "../db/queries/invoices";

interface Spec {
  orgId: string;
  actorUserId: string;
  manual: string[];
  doubleClicks: { registrationId: string; clientRequestId: string }[];
  bulk: string[][];
  paceMs: number;
}

async function main() {
  const spec = JSON.parse(process.env.CHAOS_APP ?? "{}") as Spec;
  const h = createDb(process.env.DATABASE_URL!, { max: 6 });
  const errors: Record<string, number> = {};
  let created = 0;
  let existing = 0;
  const note = (e: unknown) => {
    const k = e instanceof Error ? e.message : String(e);
    errors[k] = (errors[k] ?? 0) + 1;
  };
  const issue = async (registrationId: string, clientRequestId: string) => {
    try {
      const r = await createManualRequest(h.db, { orgId: spec.orgId, actorUserId: spec.actorUserId, registrationId, clientRequestId });
      if (r.created) created++;
      else existing++;
      await enqueueDrain(spec.orgId, r.request.companyCif, r.request.seriesName);
    } catch (e) {
      note(e);
    }
  };
  const jobs: Promise<void>[] = [];
  // Double clicks: the same click id twice at once (and the other instance sends it too).
  for (const d of spec.doubleClicks) jobs.push(issue(d.registrationId, d.clientRequestId), issue(d.registrationId, d.clientRequestId));
  for (const batch of spec.bulk) {
    jobs.push(
      (async () => {
        try {
          const b = await createBulkRequests(h.db, { orgId: spec.orgId, actorUserId: spec.actorUserId, clientBatchId: randomUUID(), selection: { ids: batch } });
          created += b.created;
          for (const s of await getQueuedSeries(h.db, spec.orgId)) await enqueueDrain(s.orgId, s.cif, s.series);
        } catch (e) {
          note(e);
        }
      })(),
    );
  }
  for (const id of spec.manual) {
    jobs.push(issue(id, randomUUID()));
    await new Promise((r) => setTimeout(r, spec.paceMs));
  }
  await Promise.all(jobs);
  await stopBoss();
  await h.close();
  process.stdout.write(`${JSON.stringify({ created, existing, errors })}\n`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
