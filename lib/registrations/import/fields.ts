// The import's fields and limits: no parser here, so the upload screen can use them without papaparse.
import { ACTION_BODY_LIMIT } from "@/lib/action-request";

export const IMPORT_FIELDS = [
  "clientName",
  "email",
  "phone",
  "buyerType",
  "companyName",
  "cif",
  "regCom",
  "address",
  "city",
  "county",
  "participantName",
  "courseName",
  "price",
  "downPayment",
  "paid",
  "paidOn",
  "reference",
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];
export const REQUIRED_FIELDS: readonly ImportField[] = ["clientName", "participantName", "courseName"];
/** Which column (by header text) feeds each field; unmapped fields are absent. */
export type ColumnMapping = Partial<Record<ImportField, string>>;

// A commit runs as a background job, set-based, in batches (lib/registrations/import/import-runs.ts):
// 2,000 rows take a few seconds. The limit keeps one file's dry run (every row shown) readable.
export const MAX_IMPORT_ROWS = 2_000;
/**
 * Columns a file may have: a spreadsheet export has a few dozen. With the row limit this bounds the
 * cells a dry run looks at, and the options each column select lists.
 */
export const MAX_IMPORT_COLUMNS = 200;
/** A header longer than this is cut (a mapping names a header in at most 200 characters). */
export const MAX_HEADER_LENGTH = 100;
/**
 * The largest file the screen accepts, stated to the user. The file travels as a server-action argument,
 * and proxy.ts refuses bodies over ACTION_BODY_LIMIT: JSON escaping (quotes, line breaks) can add to
 * a CSV's size, so half the body limit leaves room for it. The screen checks the encoded body as well.
 */
export const MAX_IMPORT_BYTES = ACTION_BODY_LIMIT / 2;

/** The size of a preview/commit request body carrying this file: what proxy.ts compares with its limit. */
export function importBodyBytes(csv: string, mapping?: ColumnMapping): number {
  return new TextEncoder().encode(JSON.stringify([{ csv, mapping }])).length;
}

/** Whether the file can be sent as it is (the screen refuses it with the stated limit otherwise). */
export function importFits(file: { bytes: number; csv: string }): boolean {
  const fullMapping = Object.fromEntries(IMPORT_FIELDS.map((f) => [f, "x".repeat(40)]));
  return file.bytes <= MAX_IMPORT_BYTES && importBodyBytes(file.csv, fullMapping) <= ACTION_BODY_LIMIT;
}
