import "server-only";
import { and, desc, eq, inArray, or } from "drizzle-orm";
import type { Executor } from "@/db";
import { importRuns, type ImportRunCounts, type ImportRunRowError, type ImportRunStatus } from "@/db/schema";

/** One import run as the import screen shows it (never its file). */
export interface ImportRunView {
  id: string;
  fileName: string;
  status: ImportRunStatus;
  createdAt: string;
  finishedAt: string | null;
  totalRows: number;
  /** The job's dry run, once it made one. */
  plan: ImportRunCounts | null;
  created: { clients: number; registrations: number; payments: number };
  rowErrors: ImportRunRowError[];
  /** A message key when it failed. */
  error: string | null;
  /** A queued run: how many of the school's imports go before it. */
  ahead: number | null;
}

/** How many finished runs the screen lists under the open ones. */
const RECENT_FINISHED = 5;

const columns = {
  id: importRuns.id,
  fileName: importRuns.fileName,
  status: importRuns.status,
  createdAt: importRuns.createdAt,
  finishedAt: importRuns.finishedAt,
  totalRows: importRuns.totalRows,
  plan: importRuns.plan,
  createdClients: importRuns.createdClients,
  createdRegistrations: importRuns.createdRegistrations,
  createdPayments: importRuns.createdPayments,
  rowErrors: importRuns.rowErrors,
  error: importRuns.error,
};

/** The school's waiting and running imports (oldest first), then its latest finished ones. */
export async function listImportRuns(db: Executor, orgId: string): Promise<ImportRunView[]> {
  const [open, finished] = await Promise.all([
    db
      .select(columns)
      .from(importRuns)
      .where(and(eq(importRuns.orgId, orgId), inArray(importRuns.status, ["queued", "running"])))
      .orderBy(importRuns.createdAt, importRuns.id),
    db
      .select(columns)
      .from(importRuns)
      .where(and(eq(importRuns.orgId, orgId), or(eq(importRuns.status, "done"), eq(importRuns.status, "failed"))))
      .orderBy(desc(importRuns.createdAt), desc(importRuns.id))
      .limit(RECENT_FINISHED),
  ]);
  return [...open.map((r, i) => ({ r, ahead: r.status === "queued" ? i : null })), ...finished.map((r) => ({ r, ahead: null }))].map(({ r, ahead }) => ({
    id: r.id,
    fileName: r.fileName,
    status: r.status,
    createdAt: r.createdAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
    totalRows: r.totalRows,
    plan: r.plan,
    created: { clients: r.createdClients, registrations: r.createdRegistrations, payments: r.createdPayments },
    rowErrors: r.rowErrors,
    error: r.error,
    ahead,
  }));
}
