import "server-only";
import { randomUUID } from "node:crypto";
import type { Database } from "@/db";
import type { SmartBill } from "@/lib/smartbill";

/** What the invoicing use-cases need, passed explicitly (the jobs and the app pass their own). */
export interface InvoicingDeps {
  db: Database;
  /** createSmartBill({ db }) / the app's smartbill(): every call goes through its shared rate limiter. */
  sb: SmartBill;
  /** Who holds a series while draining (default: a random id per call). */
  drainerId?: string;
  /** A drain stops picking new requests after this long and says there is more (default 25 s). */
  drainBudgetMs?: number;
  /** Longest wait for a rate-limit slot before a create (default 15 s); nothing is sent if it runs out. */
  slotWaitMs?: number;
  /** Added to slot wait + create timeout for a request's lease (default 15 s). */
  leaseMarginMs?: number;
  /** Reconcile only this long after the attempt started (default: create timeout + 10 s). */
  reconcileGraceMs?: number;
}

export function resolved(d: InvoicingDeps) {
  const slotWaitMs = d.slotWaitMs ?? 15_000;
  const leaseMarginMs = d.leaseMarginMs ?? 15_000;
  return {
    drainerId: d.drainerId ?? randomUUID(),
    drainBudgetMs: d.drainBudgetMs ?? 25_000,
    slotWaitMs,
    // A request's lease covers the slot wait and the whole create, so a live drainer never loses it.
    leaseMs: slotWaitMs + d.sb.config.createTimeoutMs + leaseMarginMs,
    reconcileGraceMs: d.reconcileGraceMs ?? d.sb.config.createTimeoutMs + 10_000,
  };
}
