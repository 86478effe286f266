// Fault injection: queued per account, matched by method and endpoint path, consumed one per request.
import type { Q } from "./db";

export const FAULT_KINDS = [
  "latency",
  "timeout_after_store",
  "drop_after_store",
  "html_500",
  "error_text_200",
  "status",
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultParams {
  /** latency / timeout_after_store: the delay; drop_after_store: an optional delay before dropping. */
  ms?: number;
  /** error_text_200 */
  errorText?: string;
  /** status */
  status?: number;
  body?: unknown;
  contentType?: string;
  headers?: Record<string, string>;
}

export interface Fault {
  id: number;
  kind: FaultKind;
  method: string | null;
  path: string;
  params: FaultParams;
}

/** Takes one use of the oldest matching fault. Safe across processes: each use goes to one request. */
export async function consumeFault(q: Q, accountId: number, method: string, path: string): Promise<Fault | undefined> {
  const [row] = await q<(Omit<Fault, "id"> & { id: string })[]>`
    with f as (
      select id from smartbill_sandbox.faults
      where account_id = ${accountId} and remaining > 0
        and (path = ${path} or path = '*') and (method is null or method = ${method})
      order by id limit 1 for update skip locked
    )
    update smartbill_sandbox.faults t set remaining = t.remaining - 1
    from f where t.id = f.id
    returning t.id, t.kind, t.method, t.path, t.params`;
  if (!row) return undefined;
  await q`delete from smartbill_sandbox.faults where id = ${row.id} and remaining = 0`;
  return { ...row, id: Number(row.id) };
}
