import "server-only";
import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Executor } from "@/db";
import { invoiceRequests, type InvoiceRequest, type InvoiceRequestStatus } from "@/db/schema";

// THE writer of invoice_requests.status. Every status change in the code is one of the named moves
// below; each is checked against the transition table when this module loads (a move the table forbids
// fails at start, not in production), and status-writers.test.ts proves no other file writes the column.
// A move made by a drainer names its claim (the attempt that claimed the request): a drainer whose claim
// moved on (its lease ran out, the request went in_doubt and was re-queued) changes nothing.

const ALLOWED: Record<InvoiceRequestStatus, readonly InvoiceRequestStatus[]> = {
  // issuing: claimed for a send; cancelled: a bulk run or a payment undone before it was sent;
  // failed: it can never be sent (SmartBill disconnected, the series is gone).
  queued: ["issuing", "cancelled", "failed"],
  // Back to queued only when nothing was sent (rate limited / unreachable before sending).
  issuing: ["issued", "failed", "in_doubt", "queued"],
  issued: [],
  // A retry (rebuilt from today's settings) or a cancel from the failed-invoices view.
  failed: ["queued", "cancelled"],
  // Proved (its mark on a document), proved not created (no document carries it), or the series is gone.
  in_doubt: ["issued", "queued", "failed"],
  cancelled: [],
};

export function canTransition(from: InvoiceRequestStatus, to: InvoiceRequestStatus): boolean {
  return ALLOWED[from].includes(to);
}

type Move = { from: readonly InvoiceRequestStatus[]; to: InvoiceRequestStatus; fenced: boolean };

/** Every status change the code makes. `fenced`: made by a drainer, only under its own claim. */
export const MOVES = {
  claim: { from: ["queued"], to: "issuing", fenced: false },
  issued: { from: ["issuing", "in_doubt"], to: "issued", fenced: true },
  rejected: { from: ["issuing"], to: "failed", fenced: true },
  ambiguous: { from: ["issuing"], to: "in_doubt", fenced: true },
  notSent: { from: ["issuing"], to: "queued", fenced: true },
  leaseExpired: { from: ["issuing"], to: "in_doubt", fenced: false },
  proved: { from: ["in_doubt"], to: "issued", fenced: false },
  provedNotCreated: { from: ["in_doubt"], to: "queued", fenced: false },
  seriesGone: { from: ["queued", "in_doubt"], to: "failed", fenced: false },
  notConnected: { from: ["queued"], to: "failed", fenced: false },
  retry: { from: ["failed"], to: "queued", fenced: false },
  cancelQueued: { from: ["queued"], to: "cancelled", fenced: false },
} as const satisfies Record<string, Move>;
export type MoveName = keyof typeof MOVES;

for (const [name, m] of Object.entries(MOVES) as [string, Move][]) {
  for (const from of m.from) if (!canTransition(from, m.to)) throw new Error(`Invoice request move ${name}: ${from} → ${m.to} is not in the transition table`);
}

/** For a raw statement (the drain's one-statement CTEs): `status = 'to'`. */
export function setStatusSql(move: MoveName): SQL {
  return sql.raw(`status = '${MOVES[move].to}'`);
}

/** For a raw statement: `<alias.>status in (...)`. */
export function fromStatusSql(move: MoveName, alias = ""): SQL {
  return sql.raw(`${alias ? `${alias}.` : ""}status in (${MOVES[move].from.map((s) => `'${s}'`).join(", ")})`);
}

type Insert = typeof invoiceRequests.$inferInsert;
type Changes = { [K in Exclude<keyof Insert, "status" | "id" | "orgId">]?: Insert[K] | SQL };

/**
 * Moves one request (organisation first), only from the move's statuses, and for a fenced move only
 * under `claim`. Returns the row after the move, or null when it was not where the move starts.
 */
export async function moveRequest(db: Executor, m: { orgId: string; id: string; move: MoveName; claim?: string; set?: Changes; where?: SQL }): Promise<InvoiceRequest | null> {
  const move: Move = MOVES[m.move];
  if (move.fenced && !m.claim) throw new Error(`Invoice request move ${m.move} needs the claim that makes it`);
  const [row] = await db
    .update(invoiceRequests)
    .set({ ...m.set, status: move.to, updatedAt: sql`now()` })
    .where(
      and(
        eq(invoiceRequests.orgId, m.orgId),
        eq(invoiceRequests.id, m.id),
        inArray(invoiceRequests.status, [...move.from]),
        m.claim ? eq(invoiceRequests.claimId, m.claim) : undefined,
        m.where,
      ),
    )
    .returning();
  return row ?? null;
}

/** Moves every request matching `where` (organisation first; not fenced). Returns their ids. */
export async function moveRequests(db: Executor, m: { orgId: string | null; move: MoveName; set?: Changes; where: SQL | undefined }): Promise<{ id: string; orgId: string }[]> {
  const move: Move = MOVES[m.move];
  if (move.fenced) throw new Error(`Invoice request move ${m.move} is fenced: move one request with its claim`);
  return db
    .update(invoiceRequests)
    .set({ ...m.set, status: move.to, updatedAt: sql`now()` })
    .where(and(m.orgId ? eq(invoiceRequests.orgId, m.orgId) : undefined, inArray(invoiceRequests.status, [...move.from]), m.where))
    .returning({ id: invoiceRequests.id, orgId: invoiceRequests.orgId });
}
