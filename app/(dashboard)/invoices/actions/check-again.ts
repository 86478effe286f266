"use server";

import { revalidatePath } from "next/cache";
import { db } from "@/db";
import { getInvoiceRequest } from "@/db/queries/invoices";
import { checkAgainSchema } from "@/lib/invoicing/schemas";
import { graceEndsAt, reconcileRequest, type ReconcileOutcome } from "@/lib/invoicing";
import { workerDeps } from "@/lib/jobs/deps";
import { enqueueDrain, enqueueReconcile } from "@/lib/jobs/enqueue";
import { memberAction } from "@/lib/safe-action";

export interface CheckAgainResult {
  outcome: ReconcileOutcome;
  /** linked: the invoice it became, SERIES-NUMBER. */
  linked: string | null;
  /** too_early: when the grace period ends (ISO), after which a check can decide. */
  checkAfter: string | null;
}

/** "Check again": reads the in-doubt request's candidate documents now and settles it when they prove it. */
export const checkAgainAction = memberAction({ name: "checkAgain", schema: checkAgainSchema, permission: "issueInvoices" }, async ({ requestId }, ctx): Promise<CheckAgainResult> => {
  const deps = { ...workerDeps(), db };
  const outcome = await reconcileRequest(deps, ctx.orgId, requestId, "person");
  const r = await getInvoiceRequest(db, ctx.orgId, requestId);
  if (!r) return { outcome, linked: null, checkAfter: null };
  if (outcome === "too_early") {
    const grace = await graceEndsAt(deps, r);
    return { outcome, linked: null, checkAfter: grace?.toISOString() ?? null };
  }
  // Linked: what waited behind it in the series goes now; proved not created: it is sent again.
  if (outcome === "linked" || outcome === "proved_not_created") await enqueueDrain(r.orgId, r.companyCif, r.seriesName);
  // What stopped the proof may pass (a read that timed out): the worker checks again by itself.
  if (outcome === "check_later") await enqueueReconcile(r.orgId, r.id, { startAfter: new Date(Date.now() + 10_000) });
  revalidatePath("/invoices", "layout");
  return { outcome, linked: outcome === "linked" && r.issuedNumber ? `${r.issuedSeries ?? r.seriesName}-${r.issuedNumber}` : null, checkAfter: null };
});
