import "server-only";
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Database, Executor } from "@/db";
import type { InvoiceRequest } from "@/db/schema";
import { findMarks, newMarkCode, withMark } from "./mark";
import { fromStatusSql, setStatusSql } from "./status";
import type { SeriesRef } from "./series";

// Claiming a request for a send, in one transaction: at most MAX_IN_FLIGHT creates of one school (one
// SmartBill account) hold a slot at once across every process — a few in parallel, so one waiting for
// its answer does not stop the others, and never a burst. The claim is the attempt's id: every later
// write of this send names it (status.ts fences them).

/** Creates in flight per SmartBill account (school), whatever the number of processes. */
export const MAX_IN_FLIGHT = 5;

/**
 * A create still without an answer this long after it was sent no longer holds a slot: SmartBill answers
 * in well under a second, so it is most likely lost (it will end in_doubt), and waiting for it must not
 * stop the school's other invoices. The number of creates a drain runs at once stays bounded (MAX_LANES
 * in drain.ts) and every call stays inside the shared rate limit.
 */
export const SLOW_ANSWER_MS = 5_000;

/** The school's creates holding a slot: issuing, sent (or claimed) less than SLOW_ANSWER_MS ago. */
const holdingSlot = (orgId: string, alias: string) => {
  const f = sql.raw(alias);
  return sql`${f}.org_id = ${orgId} and ${f}.status = 'issuing' and ${f}.last_attempt_at > now() - make_interval(secs => ${SLOW_ANSWER_MS / 1000})`;
};

/** Whether every slot of the school is taken (a drain woken now would find nothing to claim). */
export async function schoolAtCapacity(db: Executor, orgId: string): Promise<boolean> {
  const [row] = (await db.execute(sql`select count(*)::int as n from invoice_requests f where ${holdingSlot(orgId, "f")}`)) as unknown as { n: number }[];
  return (row?.n ?? 0) >= MAX_IN_FLIGHT;
}

/** The request being sent. `claim` is its attempt's id. */
export type Claimed = {
  id: string;
  registrationId: string;
  /** A person waits for a manual request: its calls go before bulk ones in SmartBill's budget. */
  kind: InvoiceRequest["kind"];
  payload: Record<string, unknown>;
  attemptCount: number;
  claim: string;
  expected: number | null;
};

export type ClaimStop = "paused" | "empty" | "at_capacity" | "blocked";

const lease = (ms: number) => sql`now() + make_interval(secs => ${ms / 1000})`;

/**
 * The body a send carries: issued today (Europe/Bucharest: a request that waited for a pause, a backoff
 * or a reconcile is dated the day it goes out, its due date moved with it) and marked with the request's
 * mark (once: a retry rebuilt from today's settings gets it again).
 */
export function payloadForSend(payload: Record<string, unknown>, p: { today: string; mark: string }): Record<string, unknown> {
  const out: Record<string, unknown> = { ...payload, issueDate: p.today };
  const issue = typeof payload.issueDate === "string" ? Date.parse(payload.issueDate) : NaN;
  const due = typeof payload.dueDate === "string" ? Date.parse(payload.dueDate) : NaN;
  if (!Number.isNaN(issue) && !Number.isNaN(due)) out.dueDate = new Date(Date.parse(p.today) + (due - issue)).toISOString().slice(0, 10);
  const mentions = typeof payload.mentions === "string" ? payload.mentions : "";
  if (!findMarks(mentions).includes(p.mark)) out.mentions = withMark(mentions, p.mark);
  return out;
}

/**
 * Picks the next ready request of the series (priority, then age; skipping those another drainer has
 * locked; none while the series is blocked, the school paused or its account full), moves it queued →
 * issuing under a fresh claim with its lease and the lowest number it can take (the series' next number
 * known now), and records the attempt with the exact body to send.
 */
export async function claimNext(db: Database, s: SeriesRef, leaseMs: number, today: string): Promise<Claimed | ClaimStop> {
  const claim = randomUUID();
  return db.transaction(async (tx) => {
    // Serialises claims of one school (not its sends): the in-flight count below stays exact.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('bursar.invoicing.claim'), hashtext(${s.orgId}))`);
    const [next] = (await tx.execute(sql`
      select r.id, r.registration_id, r.kind, r.payload, r.mark, r.attempt_count, s.next_number
      from invoice_requests r
      left join invoice_series s on s.org_id = r.org_id and s.company_cif = r.company_cif and s.series_name = r.series_name
      where r.org_id = ${s.orgId} and r.company_cif = ${s.cif} and r.series_name = ${s.series}
        and ${fromStatusSql("claim", "r")} and r.not_before <= now()
        and s.blocked_by_request_id is null
        and not exists (select 1 from invoicing_pauses p where p.org_id = ${s.orgId})
        and (select count(*) from invoice_requests f where ${holdingSlot(s.orgId, "f")}) < ${MAX_IN_FLIGHT}
      order by r.priority desc, r.created_at
      limit 1
      for update of r skip locked`)) as unknown as { id: string; registration_id: string; kind: InvoiceRequest["kind"]; payload: unknown; mark: string | null; attempt_count: number; next_number: number | null }[];
    if (next) {
      const mark = next.mark ?? newMarkCode();
      const payload = payloadForSend(typeof next.payload === "string" ? (JSON.parse(next.payload) as Record<string, unknown>) : (next.payload as Record<string, unknown>), { today, mark });
      const expected = next.next_number === null ? null : String(next.next_number);
      // A new send: what an earlier proof read is about the earlier send (cleared, so this one, if it ends
      // in doubt, counts as not checked yet and is proved on its own).
      await tx.execute(sql`
        with req as (
          update invoice_requests
          set ${setStatusSql("claim")}, claim_id = ${claim}, lease_until = ${lease(leaseMs)}, expected_number = ${expected},
              mark = ${mark}, payload = ${JSON.stringify(payload)}::jsonb, evidence = null,
              attempt_count = attempt_count + 1, last_attempt_at = now(), updated_at = now()
          where org_id = ${s.orgId} and id = ${next.id}
          returning id
        )
        insert into invoice_attempts (id, org_id, request_id, request_body, expected_number)
        select ${claim}, ${s.orgId}, id, ${JSON.stringify(payload)}::jsonb, ${expected} from req`);
      return { id: next.id, registrationId: next.registration_id, kind: next.kind, payload, attemptCount: Number(next.attempt_count) + 1, claim, expected: expected === null ? null : Number(expected) };
    }
    // Nothing claimed (once per drain lane): say why.
    const [why] = (await tx.execute(sql`
      select exists (select 1 from invoicing_pauses where org_id = ${s.orgId}) as paused,
             exists (select 1 from invoice_series where org_id = ${s.orgId} and company_cif = ${s.cif} and series_name = ${s.series}
                     and blocked_by_request_id is not null) as blocked,
             (select count(*) from invoice_requests f where ${holdingSlot(s.orgId, "f")}) >= ${MAX_IN_FLIGHT} as full`)) as unknown as {
      paused: boolean;
      blocked: boolean;
      full: boolean;
    }[];
    if (why?.paused) return "paused";
    if (why?.blocked) return "blocked";
    if (why?.full) return "at_capacity";
    return "empty";
  });
}

/**
 * Immediately before the create: the claim is still this drainer's (issuing, same claim, lease not run
 * out), and the lease is renewed to cover the whole call. A drainer that stalled past its lease (the
 * sweeper moved the request on) sends nothing.
 */
export async function confirmClaim(db: Database, orgId: string, c: Claimed, leaseMs: number): Promise<boolean> {
  const rows = (await db.execute(sql`
    update invoice_requests set lease_until = ${lease(leaseMs)}, last_attempt_at = now()
    where org_id = ${orgId} and id = ${c.id} and status = 'issuing' and claim_id = ${c.claim} and lease_until > now()
    returning id`)) as unknown as { id: string }[];
  return rows.length === 1;
}
