import "server-only";
import { randomUUID } from "node:crypto";
import { and, asc, count, eq, inArray, sql } from "drizzle-orm";
import type { Database, Executor } from "@/db";
import { isUniqueViolation } from "@/db/errors";
import { importMappings, importRuns, type ImportRun } from "@/db/schema";
import { writeAudit } from "@/lib/audit";
import { AppError } from "@/lib/errors";
import type { PaymentTriggers } from "../payment-hooks";
import { headerKeyOf, type ColumnMapping } from "./csv";
import { checkMapping, countsOf, readCsv } from "./import-registrations";
import { planImport, type PlannedRow } from "./plan-import";
import { ImportRowError, writeBatch } from "./write-batch";

// A commit is a run: queued by the request (which returns at once), done by a background job
// (lib/jobs: the registration-import queue). The row is the state machine: queued → running → done |
// failed. One school has at most one running run (a partial unique index): a job claims the school's
// oldest queued run or, when one is running, leaves at once — nothing waits for a lock. A claimed run is
// dry-run again (the school's data may have changed since the screen's dry run), then written in
// batches, each its own short transaction holding one connection, so other schools' requests always
// find the pool free. A run interrupted mid-way is claimed again later and dry-run again: the rows its
// committed batches wrote are "already in Bursar", so nothing is written twice.

/** Rows per batch transaction. */
export const IMPORT_BATCH_ROWS = 250;
/** Waiting and running imports a school may have at once (each holds its file until it runs). */
export const MAX_OPEN_IMPORTS = 20;
/** A running run whose heartbeat is older than this lost its worker (a crash): it is claimed again. */
const STALE_AFTER_SECONDS = 120;
/** Claims a run may take (each a crash mid-run) before it fails instead. */
const MAX_ATTEMPTS = 3;
/** The first rows in error kept with a failed run (the screen's dry run shows them all). */
const MAX_ROW_ERRORS = 100;

export interface QueueImportCommand {
  orgId: string;
  actorUserId: string | null;
  fileName: string;
  csvText: string;
  mapping: ColumnMapping;
}

/** Queues a commit: checks the file's shape (not its rows: the job does) and stores it. Fast. */
export async function queueImport(db: Database, c: QueueImportCommand): Promise<ImportRun> {
  const csv = readCsv(c.csvText);
  if (csv.rows.length === 0) throw new AppError("validation", "registrationImport.errors.noRows");
  checkMapping(csv, c.mapping);
  const [open] = await db
    .select({ n: count() })
    .from(importRuns)
    .where(and(eq(importRuns.orgId, c.orgId), inArray(importRuns.status, ["queued", "running"])));
  if (open!.n >= MAX_OPEN_IMPORTS) throw new AppError("conflict", "registrationImport.errors.queueFull");
  const [run] = await db
    .insert(importRuns)
    .values({
      orgId: c.orgId,
      createdBy: c.actorUserId,
      fileName: c.fileName,
      csv: Buffer.from(c.csvText, "utf8"),
      mapping: c.mapping as Record<string, string>,
      totalRows: csv.rows.length,
    })
    .returning();
  return run!;
}

/** The school's oldest queued run, now running under a new claim; null when none waits or one runs. */
export async function claimNextRun(db: Database, orgId: string): Promise<ImportRun | null> {
  // A run whose worker died: queued again (skip locked: a run being written right now is not stale).
  await db.execute(sql`
    update import_runs set status = 'queued', claim_id = null
    where id in (select id from import_runs where org_id = ${orgId} and status = 'running'
                   and heartbeat_at < now() - make_interval(secs => ${STALE_AFTER_SECONDS}) for update skip locked)`);
  try {
    const rows = await db.execute(sql`
      with next as (
        select id from import_runs where org_id = ${orgId} and status = 'queued'
        order by created_at, id limit 1 for update skip locked)
      update import_runs r
      set status = 'running', claim_id = ${randomUUID()}, heartbeat_at = now(), started_at = coalesce(r.started_at, now()), attempts = r.attempts + 1
      from next
      where r.id = next.id and not exists (select 1 from import_runs x where x.org_id = ${orgId} and x.status = 'running')
      returning r.id`);
    const id = (rows as unknown as { id: string }[])[0]?.id;
    if (!id) return null;
    const [run] = await db.select().from(importRuns).where(and(eq(importRuns.orgId, orgId), eq(importRuns.id, id)));
    return run ?? null;
  } catch (e) {
    // Another job claimed one of the school's runs at the same moment: it runs; this one leaves.
    if (isUniqueViolation(e)) return null;
    throw e;
  }
}

/** Thrown when this run's claim was taken over (it was thought dead): the new holder goes on. */
class ClaimLost extends Error {}

/** Locks the run for this transaction if it is still ours; never waits (a taker holds it only briefly). */
async function holdClaim(tx: Executor, run: ImportRun): Promise<void> {
  try {
    const rows = await tx.execute(sql`select 1 from import_runs where id = ${run.id} and claim_id = ${run.claimId} and status = 'running' for update nowait`);
    if (!(rows as unknown as unknown[]).length) throw new ClaimLost();
  } catch (e) {
    if ((e as { code?: string }).code === "55P03" || (e as { cause?: { code?: string } }).cause?.code === "55P03") throw new ClaimLost();
    throw e;
  }
}

async function finish(db: Database, run: ImportRun, set: Partial<typeof importRuns.$inferInsert>, extra?: (tx: Executor) => Promise<void>) {
  await db.transaction(async (tx) => {
    await holdClaim(tx, run);
    await extra?.(tx);
    await tx
      .update(importRuns)
      .set({ ...set, csv: Buffer.alloc(0), claimId: null, finishedAt: sql`now()` })
      .where(and(eq(importRuns.orgId, run.orgId), eq(importRuns.id, run.id)));
  });
}

const rowErrorsOf = (rows: PlannedRow[]) =>
  rows
    .filter((r) => r.status === "error")
    .slice(0, MAX_ROW_ERRORS)
    .flatMap((r) => r.errors.map((e) => ({ line: r.line, field: e.field, message: e.message })));

/** Does one claimed run: dry run, then batch after batch, then the result. */
export async function runImport(db: Database, run: ImportRun, triggers: PaymentTriggers): Promise<void> {
  const actor = { orgId: run.orgId, actorUserId: run.createdBy };
  try {
    if (run.attempts > MAX_ATTEMPTS) return await finish(db, run, { status: "failed", error: "registrationImport.runs.interrupted" });
    const csv = readCsv(run.csv.toString("utf8"));
    const mapping = run.mapping as ColumnMapping;
    const rows = await planImport(db, run.orgId, csv, mapping);
    const counts = countsOf(rows);
    await db
      .update(importRuns)
      .set({ plan: sql`coalesce(${importRuns.plan}, ${JSON.stringify(counts)}::jsonb)`, heartbeatAt: sql`now()` })
      .where(and(eq(importRuns.id, run.id), eq(importRuns.claimId, run.claimId!)));
    if (counts.error) return await finish(db, run, { status: "failed", error: "registrationErrors.import.hasErrors", rowErrors: rowErrorsOf(rows) });

    const toCreate = rows.filter((r): r is PlannedRow & { create: NonNullable<PlannedRow["create"]> } => r.status === "create");
    const clientIds = new Map<string, string>();
    for (let i = 0; i < toCreate.length; i += IMPORT_BATCH_ROWS) {
      await db.transaction(async (tx) => {
        await holdClaim(tx, run);
        const done = await writeBatch(tx, actor, toCreate.slice(i, i + IMPORT_BATCH_ROWS), clientIds, triggers);
        await tx
          .update(importRuns)
          .set({
            createdRegistrations: sql`${importRuns.createdRegistrations} + ${done.registrations}`,
            createdClients: sql`${importRuns.createdClients} + ${done.clients}`,
            createdPayments: sql`${importRuns.createdPayments} + ${done.payments}`,
            heartbeatAt: sql`now()`,
          })
          .where(eq(importRuns.id, run.id));
      });
    }
    await finish(db, run, { status: "done" }, async (tx) => {
      const m = mapping as Record<string, string>;
      await tx
        .insert(importMappings)
        .values({ orgId: run.orgId, headerKey: headerKeyOf(csv.headers), mapping: m })
        .onConflictDoUpdate({ target: [importMappings.orgId, importMappings.headerKey], set: { mapping: m, updatedAt: sql`now()` } });
      await writeAudit(tx, { ...actor, action: "registrations.imported", entityType: "import", entityId: run.id, details: counts });
    });
  } catch (e) {
    if (e instanceof ClaimLost) return;
    if (e instanceof AppError) {
      const rowErrors = e instanceof ImportRowError ? [{ line: e.line, field: "row", message: e.message }] : [];
      return await finish(db, run, { status: "failed", error: e.message, rowErrors }).catch((x: unknown) => {
        if (!(x instanceof ClaimLost)) throw x;
      });
    }
    // Anything else (the database went away): queued again for the job's retry, which dry-runs again.
    await db
      .update(importRuns)
      .set({ status: "queued", claimId: null })
      .where(and(eq(importRuns.id, run.id), eq(importRuns.claimId, run.claimId!)))
      .catch(() => undefined);
    throw e;
  }
}

/** What a job does for a school: its queued runs, oldest first, one at a time. Returns the runs done. */
export async function runQueuedImports(db: Database, orgId: string, triggers: PaymentTriggers, afterEach?: (run: ImportRun) => Promise<void>): Promise<string[]> {
  const done: string[] = [];
  for (let run = await claimNextRun(db, orgId); run; run = await claimNextRun(db, orgId)) {
    await runImport(db, run, triggers);
    done.push(run.id);
    await afterEach?.(run);
  }
  return done;
}

/** Runs of the school still to do, oldest first (the screen numbers the queue from these). */
export async function listOpenRunIds(db: Executor, orgId: string): Promise<string[]> {
  const rows = await db
    .select({ id: importRuns.id })
    .from(importRuns)
    .where(and(eq(importRuns.orgId, orgId), inArray(importRuns.status, ["queued", "running"])))
    .orderBy(asc(importRuns.createdAt), asc(importRuns.id));
  return rows.map((r) => r.id);
}
