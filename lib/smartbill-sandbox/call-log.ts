// Every API call, as the bench and the client's tests see it: they count calls and statuses per token.
import { asDate, iso, type Q } from "./db";

export interface CallLogEntry {
  id: number;
  at: Date;
  method: string;
  /** The endpoint path below `/SBORO/api`, e.g. `/invoice/v2`, whatever prefix the sandbox is mounted on. */
  path: string;
  query: string;
  tokenHash: string | null;
  accountId: number | null;
  status: number;
  fault: string | null;
}

/** Entries older than this are pruned now and then, so a long-running demo does not grow without bound. */
export const CALL_LOG_RETENTION_MS = 7 * 24 * 3600 * 1000;

export async function recordCall(q: Q, e: Omit<CallLogEntry, "id">): Promise<void> {
  const [row] = await q<{ id: string }[]>`
    insert into smartbill_sandbox.call_log (at, method, path, query, token_hash, account_id, status, fault)
    values (${iso(e.at)}::timestamptz, ${e.method}, ${e.path}, ${e.query}, ${e.tokenHash}, ${e.accountId},
      ${e.status}, ${e.fault})
    returning id`;
  if (Number(row?.id) % 1000 === 0) {
    await q`delete from smartbill_sandbox.call_log where at < ${iso(new Date(e.at.getTime() - CALL_LOG_RETENTION_MS))}::timestamptz`;
  }
}

export async function readCallLog(
  q: Q,
  filter: { tokenHash?: string; accountId?: number; afterId?: number; path?: string; limit?: number } = {},
): Promise<CallLogEntry[]> {
  const rows = await q<(Omit<CallLogEntry, "id"> & { id: string })[]>`
    select id, at, method, path, query, token_hash as "tokenHash", account_id as "accountId", status, fault
    from smartbill_sandbox.call_log
    where true
      ${filter.tokenHash ? q`and token_hash = ${filter.tokenHash}` : q``}
      ${filter.accountId !== undefined ? q`and account_id = ${filter.accountId}` : q``}
      ${filter.afterId !== undefined ? q`and id > ${filter.afterId}` : q``}
      ${filter.path ? q`and path = ${filter.path}` : q``}
    order by id
    limit ${filter.limit ?? 1000}`;
  return rows.map((r) => ({ ...r, id: Number(r.id), at: asDate(r.at) }));
}
