// Fault injection: queued per account, matched by method and endpoint path, consumed one per request.
import type { Q } from "./db";

export const FAULT_KINDS = [
  "latency",
  "timeout_after_store",
  "drop_after_store",
  "html_500",
  "error_text_200",
  "status",
  "late_commit",
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultParams {
  /**
   * latency / timeout_after_store: the delay; drop_after_store: an optional delay before dropping;
   * late_commit: how long after its HTML 500 the call takes effect (default LATE_COMMIT_DEFAULT_MS).
   */
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

// late_commit: SmartBill answers a create with an error page (a gateway timeout, a Tomcat 500) while
// its own back end goes on and stores the document. The client sees a failure; the invoice appears
// later. The sandbox answers an HTML 500 at once (not a dropped connection: the route handler could not
// drop one) and runs the call, exactly as it would have, `ms` later in the background.
//
// The pending calls live in this process, on globalThis (one registry however often the module is
// loaded: Next bundles, dev reloads), so they outlive the request in the standalone server and in the
// app's route handler alike. Timers are unref'd: a pending commit never keeps a process alive.

export const LATE_COMMIT_DEFAULT_MS = 3_000;

export interface LateCommitView {
  id: number;
  accountId: number;
  method: string;
  path: string;
  /** When it fires (real time, whatever clock the sandbox runs on). */
  dueAt: Date;
}

export interface LateCommitResult {
  id: number;
  method: string;
  path: string;
  /** What the call would have answered, had it answered in time (status 0: it threw). */
  status: number;
  body: unknown;
}

interface LateCommit extends LateCommitView {
  fire(): void;
  done: Promise<LateCommitResult>;
}

interface Registry {
  next: number;
  pending: Map<number, LateCommit>;
}

const REGISTRY = Symbol.for("bursar.smartbill-sandbox.late-commits");

function registry(): Registry {
  const g = globalThis as typeof globalThis & { [REGISTRY]?: Registry };
  g[REGISTRY] ??= { next: 1, pending: new Map() };
  return g[REGISTRY];
}

/** Runs `run` after `ms` (or when settled early), in the background; its answer is kept for settle. */
export function scheduleLateCommit(
  call: { accountId: number; method: string; path: string },
  ms: number,
  run: () => Promise<Response>,
): void {
  const reg = registry();
  const id = reg.next++;
  let fire!: () => void;
  const due = new Promise<void>((resolve) => (fire = resolve));
  const timer = setTimeout(fire, ms);
  timer.unref();
  const done = due
    .then(() => run())
    .then(
      async (res): Promise<LateCommitResult> => ({ id, method: call.method, path: call.path, status: res.status, body: await readBody(res) }),
      (e: unknown): LateCommitResult => {
        // The class and SQLSTATE only, as the handler logs: a database error's message carries the request's values.
        const code = typeof e === "object" && e !== null && "code" in e ? String((e as { code: unknown }).code) : "";
        console.error("[smartbill-sandbox] late commit failed", e instanceof Error ? e.name : "unknown error", code);
        return { id, method: call.method, path: call.path, status: 0, body: null };
      },
    )
    .finally(() => {
      clearTimeout(timer);
      reg.pending.delete(id);
    });
  reg.pending.set(id, { id, ...call, dueAt: new Date(Date.now() + ms), fire, done });
}

async function readBody(res: Response): Promise<unknown> {
  const text = await res.text();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** The late commits not yet finished, oldest first; with accountId, only that account's. */
export function pendingLateCommits(accountId?: number): LateCommitView[] {
  return [...registry().pending.values()]
    .filter((c) => accountId === undefined || c.accountId === accountId)
    .map(({ id, accountId: account, method, path, dueAt }) => ({ id, accountId: account, method, path, dueAt }));
}

/**
 * Waits for the pending late commits (those of `accountId`, or all) and returns what each answered.
 * With `now`, fires them at once instead of at their time, one after the other in the order they came.
 */
export async function settleLateCommits(opts: { accountId?: number; now?: boolean } = {}): Promise<LateCommitResult[]> {
  const commits = [...registry().pending.values()].filter((c) => opts.accountId === undefined || c.accountId === opts.accountId);
  const results: LateCommitResult[] = [];
  for (const c of commits) {
    if (opts.now) c.fire();
    results.push(await c.done);
  }
  return results;
}
