import "server-only";
import { db } from "@/db";
import { getSmartBill } from "@/lib/smartbill/get-smartbill";
import type { InvoicingDeps } from "@/lib/invoicing/deps";

// The workers' InvoicingDeps: the process's pool and SmartBill client (its rate limiter is shared by
// every process through PostgreSQL). The timing knobs have production defaults (lib/invoicing/deps.ts);
// the environment may shorten them for tests and benches.

function ms(name: string): number | undefined {
  const v = process.env[name];
  if (!v) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a number of milliseconds`);
  return n;
}

export function workerDeps(): InvoicingDeps {
  return {
    db,
    sb: getSmartBill(),
    drainBudgetMs: ms("BURSAR_DRAIN_BUDGET_MS"),
    slotWaitMs: ms("BURSAR_SLOT_WAIT_MS"),
    leaseMarginMs: ms("BURSAR_LEASE_MARGIN_MS"),
    reconcileGraceMs: ms("BURSAR_RECONCILE_GRACE_MS"),
  };
}
