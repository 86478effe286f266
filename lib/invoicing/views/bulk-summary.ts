import "server-only";
import type { Executor } from "@/db";
import { countPendingRequests, listBulkCandidates, type BulkCandidate } from "@/db/queries/invoice-batches";
import { listRegistrationIds, type RegistrationFilterParams } from "@/db/queries/registrations";
import { getActiveConnection } from "@/db/queries/smartbill-connections";
import { AppError } from "@/lib/errors";
import { budgetOf } from "@/lib/smartbill";
import { SMARTBILL_RATE_LIMIT } from "@/lib/smartbill/config";
import { planInvoices, type IssuePlan } from "../documents/issuer";

// What a bulk issue would do, before the confirm: the same rules as createBulkRequests (skip cancelled,
// fully invoiced and already-being-invoiced registrations; invoice the uninvoiced balance), read-only.

export type BulkSelection = { ids: string[] } | { filter: RegistrationFilterParams };

export interface SeriesSummary {
  profileName: string;
  seriesName: string;
  count: number;
  totalBani: number;
}

export interface BulkSummary {
  /** Registrations the selection named (rows of other schools are not counted). */
  selected: number;
  toInvoice: number;
  skipped: { cancelled: number; invoiced: number; inProgress: number };
  /** As SmartBill will compute the invoices' totals (VAT included). */
  totalBani: number;
  series: SeriesSummary[];
  /** Requests of the school already waiting to be sent, which go first. */
  alreadyQueued: number;
  etaSeconds: number;
  /** A message key when the run cannot start (no billing profile, series or VAT level). */
  blocked: string | null;
}

/** Invoices per second at SmartBill's limit: the shared limiter's budget per window, about one call per invoice. */
export function invoicesPerSecond(policy = SMARTBILL_RATE_LIMIT): number {
  return budgetOf(policy) / ((policy.windowMs + policy.marginMs) / 1000);
}

/** Seconds until `pending` invoices are sent, at SmartBill's limit. */
export function estimateSeconds(pending: number, policy = SMARTBILL_RATE_LIMIT): number {
  return pending <= 0 ? 0 : Math.ceil(pending / invoicesPerSecond(policy));
}

export async function resolveSelection(db: Executor, orgId: string, selection: BulkSelection): Promise<string[]> {
  return "ids" in selection ? [...new Set(selection.ids)] : listRegistrationIds(db, orgId, selection.filter);
}

function skipReason(c: BulkCandidate): keyof BulkSummary["skipped"] | null {
  if (c.cancelled) return "cancelled";
  if (c.open) return "inProgress";
  if (c.priceBani - c.invoicedBani <= 0) return "invoiced";
  return null;
}

export async function summarizeBulk(db: Executor, orgId: string, selection: BulkSelection): Promise<BulkSummary> {
  const ids = await resolveSelection(db, orgId, selection);
  const candidates = await listBulkCandidates(db, orgId, ids);
  const skipped = { cancelled: 0, invoiced: 0, inProgress: 0 };
  const eligible: BulkCandidate[] = [];
  for (const c of candidates) {
    const reason = skipReason(c);
    if (reason) skipped[reason]++;
    else eligible.push(c);
  }
  // Without a connection every request of the run would fail: say so before it starts.
  let blocked: string | null = (await getActiveConnection(db, orgId)) ? null : "invoiceBulk.errors.notConnected";
  // Each invoice planned as it will be sent (lines, discounts, VAT as SmartBill computes them): three queries for any number.
  let plans: IssuePlan[] = [];
  try {
    plans = await planInvoices(db, orgId, eligible.map((c) => ({ registrationId: c.id, amountBani: c.priceBani - c.invoicedBani })));
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    blocked ??= e.message;
  }
  const series = new Map<string, SeriesSummary>();
  let totalBani = 0;
  for (const plan of plans) {
    const key = `${plan.profile.id}:${plan.seriesName}`;
    const s = series.get(key) ?? { profileName: plan.profile.companyName, seriesName: plan.seriesName, count: 0, totalBani: 0 };
    s.count++;
    s.totalBani += plan.totals.totalBani;
    totalBani += plan.totals.totalBani;
    series.set(key, s);
  }
  const toInvoice = candidates.length - skipped.cancelled - skipped.invoiced - skipped.inProgress;
  const alreadyQueued = await countPendingRequests(db, orgId);
  return {
    selected: candidates.length,
    toInvoice,
    skipped,
    totalBani,
    series: [...series.values()].sort((a, b) => b.count - a.count || a.seriesName.localeCompare(b.seriesName)),
    alreadyQueued,
    etaSeconds: estimateSeconds(toInvoice + alreadyQueued),
    blocked,
  };
}
