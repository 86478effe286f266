import "server-only";
import { eq } from "drizzle-orm";
import type { Database } from "@/db";
import { getInvoicingPause, getQueuedSeries } from "@/db/queries/invoices";
import { invoicingPauses, type InvoicingPause } from "@/db/schema";
import { writeAudit } from "@/lib/audit";

// Package exhausted pauses all issuing for the school (drainSeries sets it when SmartBill says so):
// queued requests wait, and continue after an admin's Resume.

export { getInvoicingPause };

export async function pauseIssuing(db: Database, c: { orgId: string; detail?: string | null }): Promise<void> {
  await db.insert(invoicingPauses).values({ orgId: c.orgId, reason: "package_exhausted", detail: c.detail ?? null }).onConflictDoNothing();
}

/** Lifts the pause; returns the series with queued requests, for the caller to wake a drain for each. */
export async function resumeIssuing(db: Database, c: { orgId: string; actorUserId: string | null }): Promise<{ resumed: InvoicingPause | null; series: { orgId: string; cif: string; series: string }[] }> {
  const resumed = await db.transaction(async (tx) => {
    const [row] = await tx.delete(invoicingPauses).where(eq(invoicingPauses.orgId, c.orgId)).returning();
    if (row) {
      await writeAudit(tx, { orgId: c.orgId, actorUserId: c.actorUserId, action: "invoicing.resumed", entityType: "organisation", entityId: c.orgId, details: { pausedAt: row.pausedAt.toISOString(), reason: row.reason } });
    }
    return row ?? null;
  });
  return { resumed, series: await getQueuedSeries(db, c.orgId) };
}
