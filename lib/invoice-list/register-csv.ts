// The invoice register as CSV for the accountant: one row per issued invoice. Pure (papaparse).
// Excel in a Romanian locale splits on ";" and reads UTF-8 only after a BOM; amounts keep a dot
// ("1234.50") so no locale turns them into dates or thousands. Every text cell goes through textCell
// (./csv-cell.ts): nothing from a client's or participant's name is ever evaluated as a formula.
import Papa from "papaparse";
import { todayInBucharest } from "@/lib/registrations/dates";
import { baniToPlain } from "@/lib/registrations/money";
import { numberCell, textCell } from "./csv-cell";

export const CSV_DELIMITER = ";";
export const CSV_BOM = "\uFEFF";
/** The columns in order; their titles are invoiceList.csv.<column>. */
export const REGISTER_COLUMNS = ["date", "series", "number", "client", "clientCif", "reference", "participant", "vatName", "vatPercent", "net", "vat", "total"] as const;

export interface RegisterRow {
  date: Date;
  issuedSeries: string | null;
  issuedNumber: string | null;
  clientName: string | null;
  clientCif: string | null;
  reference: string;
  participantName: string;
  vatName: string | null;
  vatPercent: string | null;
  netBani: number;
  vatBani: number;
  totalBani: number;
}

/** 123450 → "1234.50", -5 → "-0.05"; anything but whole bani is refused. */
export function csvAmount(bani: number): string {
  if (!Number.isSafeInteger(bani)) throw new RangeError(`not an amount in bani: ${bani}`);
  return baniToPlain(bani, ".");
}

/** "21.00" → "21", "9.50" → "9.5" (numeric(5,2) as PostgreSQL gives it). */
export function percentText(p: string | null): string {
  if (p === null) return "";
  return p.includes(".") ? p.replace(/0+$/, "").replace(/\.$/, "") : p;
}

/** `header` holds the 12 column titles in order (translated by the caller). */
export function buildInvoiceRegisterCsv(rows: RegisterRow[], header: readonly string[]): string {
  const data = rows.map((r) => [
    ...[todayInBucharest(r.date), r.issuedSeries, r.issuedNumber, r.clientName, r.clientCif, r.reference, r.participantName, r.vatName].map((s) => textCell(s ?? "")),
    numberCell(percentText(r.vatPercent)),
    ...[r.netBani, r.vatBani, r.totalBani].map((bani) => numberCell(csvAmount(bani))),
  ]);
  // Papa quotes a cell holding the delimiter or a quote; the formulas are already neutralised (not
  // Papa's escapeFormulae: it misses a cell with a line break in it, and would turn "-5.00" into text).
  return CSV_BOM + Papa.unparse({ fields: header.map(textCell), data }, { delimiter: CSV_DELIMITER, newline: "\r\n" }) + "\r\n";
}
