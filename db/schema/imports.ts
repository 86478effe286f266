// CSV import runs (lib/registrations/import/import-runs.ts): a commit is queued as a row here and done
// by a background job, at most one running per school (the partial unique index), its progress and
// result kept here so the import page shows them after a reload.
import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { bytea } from "./columns";
import { organisations, users } from "./organisations";


export const IMPORT_RUN_STATUSES = ["queued", "running", "done", "failed"] as const;
export type ImportRunStatus = (typeof IMPORT_RUN_STATUSES)[number];

/** What a dry run counts: rows to create, rows already there, rows in error, new clients, payments. */
export interface ImportRunCounts {
  create: number;
  exists: number;
  error: number;
  newClients: number;
  payments: number;
}
export interface ImportRunRowError {
  line: number;
  field: string;
  message: string;
}

export const importRuns = pgTable(
  "import_runs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    fileName: text("file_name").notNull(),
    // The file as sent, byte for byte (text would refuse a NUL in a column no field is mapped to).
    // Emptied when the run ends: only a waiting or running import needs its file.
    csv: bytea("csv").notNull(),
    mapping: jsonb("mapping").$type<Record<string, string>>().notNull(),
    status: text("status", { enum: IMPORT_RUN_STATUSES }).notNull().default("queued"),
    /** Data rows in the file. */
    totalRows: integer("total_rows").notNull(),
    /** The job's dry run, when it made one (a resumed run keeps the first). */
    plan: jsonb("plan").$type<ImportRunCounts>(),
    // What the committed batches added so far (each batch commits its rows and these together).
    createdRegistrations: integer("created_registrations").notNull().default(0),
    createdClients: integer("created_clients").notNull().default(0),
    createdPayments: integer("created_payments").notNull().default(0),
    /** The first rows in error (when the job's dry run found any, nothing is written). */
    rowErrors: jsonb("row_errors").$type<ImportRunRowError[]>().notNull().default([]),
    /** A message key when the run failed. */
    error: text("error"),
    // Who holds a running run: each claim gets a new id, and a batch commits only under its own claim.
    claimId: uuid("claim_id"),
    /** Claims so far: a run interrupted too often (a crash each time) fails instead of looping. */
    attempts: integer("attempts").notNull().default(0),
    heartbeatAt: timestamp("heartbeat_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp("started_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [
    index("import_runs_org_created_idx").on(t.orgId, t.createdAt, t.id),
    uniqueIndex("import_runs_org_running_key").on(t.orgId).where(sql`status = 'running'`),
  ],
);

export type ImportRun = typeof importRuns.$inferSelect;
