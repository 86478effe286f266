import Link from "next/link";
import { db } from "@/db";
import { listRecentBatches } from "@/db/queries/invoice-batches";
import { Alert } from "@/components/ui/alert";
import { InvoiceLiveRefresh } from "@/components/invoices/invoice-live-refresh";
import { getT } from "@/lib/i18n";

/**
 * "Bulk issue running: 12/50 · View progress" for each run of the school still sending. Server-rendered,
 * and kept live while a run is sending (the page re-renders until none is), so it counts up and goes away.
 */
export async function RunningBatchesBanner({ orgId }: { orgId: string }) {
  const running = (await listRecentBatches(db, orgId, 10)).filter((b) => b.counts.queued + b.counts.issuing > 0);
  if (!running.length) return null;
  const t = await getT();
  return (
    <div className="mb-4 space-y-2" data-testid="running-batches">
      <InvoiceLiveRefresh active />
      {running.map((b) => {
        const c = b.counts;
        const total = c.queued + c.issuing + c.issued + c.failed + c.in_doubt + c.cancelled;
        return (
          <Alert key={b.id} tone="info">
            {t("invoiceBulk.list.banner", { done: c.issued, total })}{" "}
            <Link href={`/invoices/batches/${b.id}`} className="font-medium underline underline-offset-4">
              {t("invoiceBulk.list.open")}
            </Link>
          </Alert>
        );
      })}
    </div>
  );
}
