// Reading the chosen file in the browser, before anything is sent. Pure (File and TextDecoder only).
import { importFits, MAX_IMPORT_BYTES } from "@/lib/registrations/import/fields";

export type ReadCsvFile =
  | { ok: true; name: string; bytes: number; csv: string }
  | { ok: false; error: "tooLarge"; bytes: number }
  | { ok: false; error: "notCsv" | "empty" | "unreadable" };

const CSV_NAME = /\.(csv|txt|tsv)$/i;
const CSV_TYPES = new Set(["", "text/csv", "text/plain", "text/tab-separated-values", "application/csv", "application/vnd.ms-excel"]);

export async function readCsvFile(file: File): Promise<ReadCsvFile> {
  if (!CSV_NAME.test(file.name) && !CSV_TYPES.has(file.type)) return { ok: false, error: "notCsv" };
  if (file.size === 0) return { ok: false, error: "empty" };
  if (file.size > MAX_IMPORT_BYTES) return { ok: false, error: "tooLarge", bytes: file.size };
  let data: Uint8Array;
  try {
    data = new Uint8Array(await file.arrayBuffer());
  } catch {
    return { ok: false, error: "unreadable" };
  }
  // A workbook (.xlsx is a zip) or any binary file renamed to .csv.
  if ((data[0] === 0x50 && data[1] === 0x4b) || data.includes(0)) return { ok: false, error: "notCsv" };
  let csv: string;
  try {
    csv = new TextDecoder("utf-8", { fatal: true }).decode(data);
  } catch {
    // Not UTF-8: Excel's plain "CSV" on a Romanian Windows writes the Central European code page.
    csv = new TextDecoder("windows-1250").decode(data);
  }
  if (!csv.replace(/^\uFEFF/, "").trim()) return { ok: false, error: "empty" };
  if (!importFits({ bytes: data.length, csv })) return { ok: false, error: "tooLarge", bytes: data.length };
  return { ok: true, name: file.name, bytes: data.length, csv };
}

/** "512 KB" in the reader's language. */
export function formatFileSize(bytes: number, locale: string): string {
  const tag = locale === "ro" ? "ro-RO" : "en-GB";
  if (bytes < 1024 * 1024) return new Intl.NumberFormat(tag, { style: "unit", unit: "kilobyte", maximumFractionDigits: 0 }).format(Math.max(1, bytes / 1024));
  return new Intl.NumberFormat(tag, { style: "unit", unit: "megabyte", maximumFractionDigits: 1 }).format(bytes / (1024 * 1024));
}
