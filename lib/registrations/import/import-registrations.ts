import "server-only";
import { and, eq } from "drizzle-orm";
import type { Executor } from "@/db";
import { importMappings } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { adaptMapping, guessMapping, headerKeyOf, IMPORT_FIELDS, MAX_IMPORT_COLUMNS, MAX_IMPORT_ROWS, parseCsv, type ColumnMapping, type ParsedCsv } from "./csv";
import { mappedHeader, planImport, type PlannedRow } from "./plan-import";

export interface ImportPreview {
  headers: string[];
  mapping: ColumnMapping;
  rows: PlannedRow[];
  counts: { create: number; exists: number; error: number; newClients: number; payments: number };
}

export function countsOf(rows: PlannedRow[]): ImportPreview["counts"] {
  return {
    create: rows.filter((r) => r.status === "create").length,
    exists: rows.filter((r) => r.status === "exists").length,
    error: rows.filter((r) => r.status === "error").length,
    newClients: new Set(rows.filter((r) => r.clientIsNew).map((r) => r.create!.clientKey)).size,
    payments: rows.filter((r) => r.status === "create" && r.paidBani).length,
  };
}

/** The file's rows; a file over the row or column limit is refused whole rather than cut short. */
export function readCsv(csvText: string): ParsedCsv {
  const csv = parseCsv(csvText);
  if (csv.rows.length > MAX_IMPORT_ROWS) throw new AppError("validation", "registrationImport.errors.tooManyRows");
  if (csv.headers.length > MAX_IMPORT_COLUMNS) throw new AppError("validation", "registrationImport.errors.tooManyColumns");
  return csv;
}

/** A mapping may only name this file's columns (an own-property lookup: a mapping is user input). */
export function checkMapping(csv: ParsedCsv, mapping: ColumnMapping): void {
  for (const field of IMPORT_FIELDS) {
    const header = mappedHeader(mapping, field);
    if (header !== undefined && !csv.columns.has(header)) throw new AppError("validation", "registrationImport.errors.unknownColumn");
  }
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
  if (mapping) checkMapping(csv, mapping);
  const used = mapping ?? (await mappingFor(db, orgId, csv.headers));
  const rows = await planImport(db, orgId, csv, used);
  return { headers: csv.headers, mapping: used, rows, counts: countsOf(rows) };
}
