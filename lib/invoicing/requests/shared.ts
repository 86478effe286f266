import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Executor, Transaction } from "@/db";
import { invoiceRequests, type InvoiceRequest, type InvoiceRequestKind, type InvoiceTrigger } from "@/db/schema";
import { type IssuePlan, type VatLevelChoice } from "../documents/issuer";
import { newMarkCode, withMark } from "../engine/mark";
import { COUNTED_STATUSES, OPEN_STATUSES } from "../constants";

// Creating invoice requests. Each one is inserted under the registration's row lock with a unique key,
// so a double click, two staff members or two instances make one request; the amount is checked
// against what is not yet invoiced (price − requests not failed or cancelled) in the same transaction.

export const PRIORITY = { manual: 10, automatic: 5, bulk: 0 } as const;

export interface CreatedRequest {
  request: InvoiceRequest;
  /** false: an existing request was returned (same key, or one already open for the registration). */
  created: boolean;
}

/** What requests not failed or cancelled already cover (issued or on the way). */
export async function invoicedBani(db: Executor, orgId: string, registrationId: string): Promise<number> {
  const [row] = await db
    .select({ sum: sql<string>`coalesce(sum(${invoiceRequests.amountBani}), 0)` })
    .from(invoiceRequests)
    .where(and(eq(invoiceRequests.orgId, orgId), eq(invoiceRequests.registrationId, registrationId), inArray(invoiceRequests.status, [...COUNTED_STATUSES])));
  return Number(row?.sum ?? 0);
}

export async function findByKey(db: Executor, orgId: string, key: string): Promise<InvoiceRequest | null> {
  const [row] = await db.select().from(invoiceRequests).where(and(eq(invoiceRequests.orgId, orgId), eq(invoiceRequests.requestKey, key)));
  return row ?? null;
}

export async function findOpenManual(db: Executor, orgId: string, registrationId: string): Promise<InvoiceRequest | null> {
  const [row] = await db
    .select()
    .from(invoiceRequests)
    .where(
      and(
        eq(invoiceRequests.orgId, orgId),
        eq(invoiceRequests.registrationId, registrationId),
        inArray(invoiceRequests.kind, ["manual", "bulk"]),
        inArray(invoiceRequests.status, [...OPEN_STATUSES]),
      ),
    );
  return row ?? null;
}

export function requestValues(plan: IssuePlan, r: { orgId: string; key: string; kind: InvoiceRequestKind; trigger: InvoiceTrigger; actorUserId: string | null; paymentId?: string | null; batchId?: string | null; vatOverride?: VatLevelChoice | null }) {
  // The request's mark, printed on its document: what proves later that the document is this request's.
  const mark = newMarkCode();
  return {
    mark,
    orgId: r.orgId,
    registrationId: plan.registrationId,
    requestKey: r.key,
    kind: r.kind,
    trigger: r.trigger,
    paymentId: r.paymentId ?? null,
    batchId: r.batchId ?? null,
    priority: PRIORITY[r.kind],
    amountBani: plan.amountBani,
    billingProfileId: plan.profile.id,
    companyCif: plan.companyCif,
    seriesName: plan.seriesName,
    vatName: plan.vat?.name ?? null,
    vatPercent: plan.vat ? String(plan.vat.percentage) : null,
    vatOverride: r.vatOverride ?? null,
    payload: { ...plan.payload, mentions: withMark(plan.payload.mentions, mark) } as unknown as Record<string, unknown>,
    totalBani: plan.totals.totalBani,
    netBani: plan.totals.netBani,
    vatBani: plan.totals.vatBani,
    createdBy: r.actorUserId,
  };
}

export async function insertRequestIn(tx: Transaction, values: ReturnType<typeof requestValues>): Promise<CreatedRequest> {
  const [row] = await tx.insert(invoiceRequests).values(values).onConflictDoNothing({ target: [invoiceRequests.orgId, invoiceRequests.requestKey] }).returning();
  if (row) return { request: row, created: true };
  return { request: (await findByKey(tx, values.orgId, values.requestKey))!, created: false };
}
