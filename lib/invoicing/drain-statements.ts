import "server-only";
import { sql } from "drizzle-orm";
import type { Executor } from "@/db";
import type { IssuedDocument } from "@/lib/smartbill";
import type { SeriesRef } from "./series-hold";

// The drain's hot statements, each ONE round trip and atomic (data-modifying CTEs in one statement
// commit or fail together): per invoice the drain makes two of them plus the limiter's, instead of
// two transactions of six to eight statements. Nothing here weakens exactly-once: the claim is the
// same conditional update (hold still ours, nothing in flight, request still queued), and an issued
// answer frees the series only if this request is the one in flight.

/** The request being sent: what the send and its outcome need (one statement claims it). */
export type Claimed = { id: string; registrationId: string; payload: unknown; attemptCount: number; attemptId: string; expected: number | null };

// A next number SmartBill gave us this recently (an issued invoice's, or GET /series) is as fresh as the
// one a hold trusts between two of its own creates, so a new hold right after another skips GET /series.
export const FRESH_NEXT_NUMBER_S = 5;

export function widthOf(number: string): number | undefined {
  return number.startsWith("0") ? number.length : undefined;
}

const lease = (ms: number) => sql`now() + make_interval(secs => ${ms / 1000})`;
const seriesPk = (s: SeriesRef) => sql`org_id = ${s.orgId} and company_cif = ${s.cif} and series_name = ${s.series}`;

/** Whether SmartBill told us the series' next number in the last few seconds (see FRESH_NEXT_NUMBER_S). */
export async function nextNumberIsFresh(db: Executor, s: SeriesRef): Promise<boolean> {
  const [row] = (await db.execute(sql`
    select next_number is not null and coalesce(known_at > now() - make_interval(secs => ${FRESH_NEXT_NUMBER_S}), false) as fresh
    from invoice_series where ${seriesPk(s)}`)) as unknown as { fresh: boolean }[];
  return !!row?.fresh;
}

/**
 * Claims the next ready request of the series in ONE statement (one round trip, atomic): renews this
 * drainer's hold and makes the request the series' create in flight (only if the hold is still ours
 * and nothing is in flight), picks it by priority then age among those ready and not locked, skipping
 * a paused organisation, moves it queued → issuing with its lease and the expected number, and records
 * the attempt. Nothing changes unless all of it does.
 */
export async function claimNext(db: Executor, s: SeriesRef, drainerId: string, leaseMs: number): Promise<Claimed | "paused" | "empty" | "lost_hold"> {
  const rows = (await db.execute(sql`
    with next as (
      select r.id from invoice_requests r
      where r.org_id = ${s.orgId} and r.company_cif = ${s.cif} and r.series_name = ${s.series}
        and r.status = 'queued' and r.not_before <= now()
        and not exists (select 1 from invoicing_pauses p where p.org_id = ${s.orgId})
      order by r.priority desc, r.created_at
      limit 1
      for update of r skip locked
    ), held as (
      update invoice_series set held_until = ${lease(leaseMs)}, in_flight_request_id = next.id, in_flight_since = now()
      from next
      where ${seriesPk(s)} and holder = ${drainerId} and in_flight_request_id is null
      returning next.id as request_id, invoice_series.next_number
    ), req as (
      update invoice_requests
      set status = 'issuing', lease_until = ${lease(leaseMs)}, expected_number = held.next_number::text,
          attempt_count = attempt_count + 1, last_attempt_at = now(), updated_at = now()
      from held
      where invoice_requests.org_id = ${s.orgId} and invoice_requests.id = held.request_id and invoice_requests.status = 'queued'
      returning invoice_requests.id, invoice_requests.org_id, invoice_requests.registration_id, invoice_requests.payload,
                invoice_requests.attempt_count, invoice_requests.expected_number, held.next_number
    ), attempt as (
      insert into invoice_attempts (org_id, request_id, request_body, expected_number)
      select org_id, id, payload, expected_number from req
      returning id, request_id
    )
    select req.id, req.registration_id, req.payload, req.attempt_count, req.next_number, attempt.id as attempt_id
    from req join attempt on attempt.request_id = req.id`)) as unknown as {
    id: string;
    registration_id: string;
    payload: unknown;
    attempt_count: number;
    next_number: number | null;
    attempt_id: string;
  }[];
  const [c] = rows;
  if (c) {
    return {
      id: c.id,
      registrationId: c.registration_id,
      payload: typeof c.payload === "string" ? (JSON.parse(c.payload) as unknown) : c.payload,
      attemptCount: Number(c.attempt_count),
      attemptId: String(c.attempt_id),
      expected: c.next_number === null ? null : Number(c.next_number),
    };
  }
  // Nothing claimed (rare, once per drain): say why.
  const [why] = (await db.execute(sql`
    select exists (select 1 from invoicing_pauses where org_id = ${s.orgId}) as paused,
           exists (select 1 from invoice_series where ${seriesPk(s)} and holder = ${drainerId}) as held`)) as unknown as { paused: boolean; held: boolean }[];
  if (why?.paused) return "paused";
  if (!why?.held) return "lost_hold";
  return "empty";
}

/**
 * Records an issued invoice in ONE statement: the request issued (from in_doubt too: the sweeper may
 * have given up on a slow answer that did come), its attempt, the series' next number, and the series
 * free for the next create (only if this request is the one in flight).
 */
export async function recordIssued(db: Executor, s: SeriesRef, c: Claimed, doc: IssuedDocument): Promise<void> {
  const width = widthOf(doc.number) ?? null;
  await db.execute(sql`
    with req as (
      update invoice_requests
      set status = 'issued', issued_series = ${doc.series || s.series}, issued_number = ${doc.number},
          document_id = ${doc.documentId !== undefined ? String(doc.documentId) : null},
          document_url = ${doc.documentUrl ?? null}, document_view_url = ${doc.documentViewUrl ?? null},
          issued_at = now(), lease_until = null, updated_at = now()
      where org_id = ${s.orgId} and id = ${c.id} and status in ('issuing', 'in_doubt')
      returning id
    ), attempt as (
      update invoice_attempts
      set finished_at = now(), outcome = 'issued', http_status = 200, error_code = null, response_body = ${JSON.stringify(doc)}
      where org_id = ${s.orgId} and id = ${c.attemptId}
      returning id
    )
    update invoice_series
    set next_number = ${Number(doc.number) + 1}, known_at = now(), pad_width = coalesce(${width}::int, pad_width),
        in_flight_request_id = case when in_flight_request_id = ${c.id} then null else in_flight_request_id end,
        in_flight_since = case when in_flight_request_id = ${c.id} then null else in_flight_since end
    where ${seriesPk(s)}`);
}

