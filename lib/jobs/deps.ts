import "server-only";
import { db } from "@/db";
import { getSmartBill } from "@/lib/smartbill/get-smartbill";
import { env } from "@/lib/env";
import type { InvoicingDeps } from "@/lib/invoicing";

// The workers' InvoicingDeps: the process's pool and SmartBill client (its rate limiter is shared by
// every process through PostgreSQL). The timing knobs have production defaults (lib/invoicing/deps.ts);
// the environment may shorten them for tests and benches.

export function workerDeps(): InvoicingDeps {
  const e = env();
  return {
    db,
    sb: getSmartBill(),
    drainBudgetMs: e.BURSAR_DRAIN_BUDGET_MS,
    slotWaitMs: e.BURSAR_SLOT_WAIT_MS,
    leaseMarginMs: e.BURSAR_LEASE_MARGIN_MS,
    reconcileGraceMs: e.BURSAR_RECONCILE_GRACE_MS,
  };
}
