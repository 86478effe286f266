import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Database, Executor } from "@/db";
import { importMappings } from "@/db/schema";
import { writeAudit } from "@/lib/audit";
import { AppError } from "@/lib/errors";
import { createClient } from "../clients";
import type { PaymentTriggers } from "../payment-hooks";
import { recordPayment } from "../record-payment";
import { createRegistration } from "../registrations";
import { adaptMapping, guessMapping, headerKeyOf, MAX_IMPORT_ROWS, parseCsv, type ColumnMapping, type ParsedCsv } from "./csv";
import { planImport, type PlannedRow } from "./plan-import";

export interface ImportPreview {
  headers: string[];
  mapping: ColumnMapping;
  rows: PlannedRow[];
  counts: { create: number; exists: number; error: number; newClients: number; payments: number };
}

function countsOf(rows: PlannedRow[]): ImportPreview["counts"] {
  return {
    create: rows.filter((r) => r.status === "create").length,
    exists: rows.filter((r) => r.status === "exists").length,
    error: rows.filter((r) => r.status === "error").length,
    newClients: new Set(rows.filter((r) => r.clientIsNew).map((r) => r.create!.clientKey)).size,
    payments: rows.filter((r) => r.status === "create" && r.paidBani).length,
  };
}

/** The file's rows; a file over the row limit is refused whole rather than cut short. */
function readCsv(csvText: string): ParsedCsv {
  const csv = parseCsv(csvText);
  if (csv.rows.length > MAX_IMPORT_ROWS) throw new AppError("validation", "registrationImport.errors.tooManyRows");
  return csv;
}

/** The mapping remembered for this header row, else a guess from the header words. */
export async function mappingFor(db: Executor, orgId: string, headers: string[]): Promise<ColumnMapping> {
  const [saved] = await db
    .select({ mapping: importMappings.mapping })
    .from(importMappings)
    .where(and(eq(importMappings.orgId, orgId), eq(importMappings.headerKey, headerKeyOf(headers))));
  // Saved under a key that ignores case and accents, so this file may spell the headers differently.
  return saved ? adaptMapping(saved.mapping as ColumnMapping, headers) : guessMapping(headers);
}

/** The dry run: nothing is written. Without a mapping, the remembered (or guessed) one is used. */
export async function previewImport(db: Executor, orgId: string, csvText: string, mapping?: ColumnMapping): Promise<ImportPreview> {
  const csv = readCsv(csvText);
  const used = mapping ?? (await mappingFor(db, orgId, csv.headers));
  const rows = await planImport(db, orgId, csv, used);
  return { headers: csv.headers, mapping: used, rows, counts: countsOf(rows) };
}

/**
 * Commits an import in one transaction: all rows or none. Refused while any row has an error.
 * Rows already imported are skipped, so the same file twice creates nothing new.
 */
export async function commitImport(
  db: Database,
  a: { orgId: string; actorUserId: string | null; csvText: string; mapping: ColumnMapping },
  triggers: PaymentTriggers,
): Promise<ImportPreview["counts"]> {
  return db.transaction(async (tx) => {
    // One import at a time per organisation, so two uploads of the same file cannot both create.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`import:${a.orgId}`}, 0))`);
    const csv = readCsv(a.csvText);
    if (csv.rows.length === 0) throw new AppError("validation", "registrationImport.errors.noRows");
    const rows = await planImport(tx, a.orgId, csv, a.mapping);
    const counts = countsOf(rows);
    if (counts.error) throw new AppError("validation", "registrationErrors.import.hasErrors");
    const clientIds = new Map<string, string>();
    for (const row of rows) {
      if (row.status !== "create") continue;
      const c = row.create!;
      let clientId = c.clientId ?? clientIds.get(c.clientKey);
      if (!clientId) {
        clientId = (await createClient(tx, { orgId: a.orgId, actorUserId: a.actorUserId, input: c.client })).id;
        clientIds.set(c.clientKey, clientId);
      }
      const registration = await createRegistration(tx, {
        orgId: a.orgId,
        actorUserId: a.actorUserId,
        input: { clientId, courseId: c.courseId, participantName: row.participantName, reference: c.reference, price: row.priceBani, downPayment: c.downPaymentBani },
      });
      if (row.paidBani) {
        await recordPayment(
          tx,
          {
            orgId: a.orgId,
            actorUserId: a.actorUserId,
            registrationId: registration.id,
            amountBani: row.paidBani,
            paidOn: c.paidOn,
            method: "other",
            source: "import",
            externalKey: `import:${registration.id}`,
            note: `CSV line ${row.line}`,
          },
          triggers,
        );
      }
    }
    await tx
      .insert(importMappings)
      .values({ orgId: a.orgId, headerKey: headerKeyOf(csv.headers), mapping: a.mapping as Record<string, string> })
      .onConflictDoUpdate({ target: [importMappings.orgId, importMappings.headerKey], set: { mapping: a.mapping as Record<string, string>, updatedAt: sql`now()` } });
    await writeAudit(tx, { orgId: a.orgId, actorUserId: a.actorUserId, action: "registrations.imported", entityType: "import", details: counts });
    return counts;
  });
}
