import "server-only";
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { Executor } from "@/db";
import { clients, invoiceAlarms, invoiceAttempts, invoiceRequests, payments, registrations, type InvoiceAttempt, type InvoiceRequest } from "@/db/schema";

// The staff's invoice inbox: failed requests to retry and in_doubt ones to reconcile. Organisation first.

export interface InboxRow {
  request: InvoiceRequest;
  registration: { id: string; reference: string; participantName: string };
  client: { id: string; name: string };
}

export type InboxStatus = "failed" | "in_doubt";

/** One page of the school's requests in `status`, newest first, with the registration and client they are for. */
export async function listInboxRequests(db: Executor, orgId: string, status: InboxStatus, page: { limit: number; offset?: number }): Promise<InboxRow[]> {
  return db
    .select({
      request: invoiceRequests,
      registration: { id: registrations.id, reference: registrations.reference, participantName: registrations.participantName },
      client: { id: clients.id, name: clients.name },
    })
    .from(invoiceRequests)
    .innerJoin(registrations, and(eq(registrations.orgId, invoiceRequests.orgId), eq(registrations.id, invoiceRequests.registrationId)))
    .innerJoin(clients, and(eq(clients.orgId, registrations.orgId), eq(clients.id, registrations.clientId)))
    .where(and(eq(invoiceRequests.orgId, orgId), eq(invoiceRequests.status, status)))
    .orderBy(desc(invoiceRequests.updatedAt), desc(invoiceRequests.id))
    .limit(page.limit)
    .offset(page.offset ?? 0);
}

export interface InboxCounts {
  failed: number;
  /** Of the failed: those "Retry all retryable" would take (not those whose payment was voided). */
  retryable: number;
  inDoubt: number;
  queued: number;
  /** Open alarms: invoices SmartBill holds that no request owns (a storno for a person to make). */
  alarms: number;
}

/** How many requests (and alarms) wait for a person (the sidebar badge, the /invoices links, the pause banner). */
export async function countInbox(db: Executor, orgId: string): Promise<InboxCounts> {
  const [row] = await db
    .select({
      failed: sql<number>`count(*) filter (where ${invoiceRequests.status} = 'failed')::int`,
      retryable: sql<number>`count(*) filter (where ${invoiceRequests.status} = 'failed' and ${invoiceRequests.retryable} and not exists (
        select 1 from ${payments} where ${payments.orgId} = ${invoiceRequests.orgId} and ${payments.id} = ${invoiceRequests.paymentId} and ${payments.voidedAt} is not null))::int`,
      inDoubt: sql<number>`count(*) filter (where ${invoiceRequests.status} = 'in_doubt')::int`,
      queued: sql<number>`count(*) filter (where ${invoiceRequests.status} = 'queued')::int`,
      // One round trip for the sidebar: the open alarms ride along (an aggregate always gives one row).
      alarms: sql<number>`(select count(*) from ${invoiceAlarms} where ${invoiceAlarms.orgId} = ${orgId} and ${invoiceAlarms.resolvedAt} is null)::int`,
    })
    .from(invoiceRequests)
    .where(and(eq(invoiceRequests.orgId, orgId), inArray(invoiceRequests.status, ["failed", "in_doubt", "queued"])));
  return { failed: row?.failed ?? 0, retryable: row?.retryable ?? 0, inDoubt: row?.inDoubt ?? 0, queued: row?.queued ?? 0, alarms: row?.alarms ?? 0 };
}

/** The attempts of these requests, oldest first, grouped by request. */
export async function listAttemptsOf(db: Executor, orgId: string, requestIds: string[]): Promise<Map<string, InvoiceAttempt[]>> {
  const out = new Map<string, InvoiceAttempt[]>();
  if (!requestIds.length) return out;
  const rows = await db
    .select()
    .from(invoiceAttempts)
    .where(and(eq(invoiceAttempts.orgId, orgId), inArray(invoiceAttempts.requestId, requestIds)))
    .orderBy(asc(invoiceAttempts.startedAt));
  for (const a of rows) out.set(a.requestId, [...(out.get(a.requestId) ?? []), a]);
  return out;
}
