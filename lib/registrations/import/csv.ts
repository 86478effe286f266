// Reading a school's spreadsheet export. Pure (papaparse), shared by the upload form and the server.
import Papa from "papaparse";
import { addDays, isIsoDate } from "../dates";
import { IMPORT_FIELDS, type ColumnMapping, type ImportField } from "./fields";

export { IMPORT_FIELDS, MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, REQUIRED_FIELDS, type ColumnMapping, type ImportField } from "./fields";

export interface ParsedCsv {
  headers: string[];
  /** Each data row with its row number as a spreadsheet shows it (the header is row 1; blank rows count). */
  rows: { line: number; cells: Record<string, string> }[];
}

// A blank header gets its column number, a repeated one a suffix: each column must be choosable.
function uniqueHeaders(raw: string[]): string[] {
  const seen = new Set<string>();
  return raw.map((h, i) => {
    let name = h.trim() || `(${i + 1})`;
    for (let n = 2; seen.has(name); n++) name = `${h.trim() || `(${i + 1})`} (${n})`;
    seen.add(name);
    return name;
  });
}

const V = "registrationErrors.validation";

/** Parses CSV text (comma or semicolon, as Excel writes it in Romania; a BOM is ignored). */
export function parseCsv(text: string): ParsedCsv {
  const body = text.replace(/^\uFEFF/, "");
  // The delimiter is guessed on non-blank lines; the parse itself keeps blank rows so row numbers match
  // the spreadsheet the school exported.
  const { delimiter } = Papa.parse<string[]>(body, { skipEmptyLines: "greedy", delimitersToGuess: [",", ";", "\t"], preview: 50 }).meta;
  const [head = [], ...records] = Papa.parse<string[]>(body, { delimiter }).data;
  const headers = uniqueHeaders(head);
  const rows = records
    .map((cells, i) => ({ line: i + 2, cells: Object.fromEntries(headers.map((h, c) => [h, (cells[c] ?? "").trim()])) }))
    .filter((r) => Object.values(r.cells).some((v) => v !== ""));
  return { headers, rows };
}

/**
 * A payment date as spreadsheets write it: 2026-09-20, or the Romanian 20.09.2026 (also 20/09/2026).
 * A message key when it is not a real day, or is in the future (one day of slack, as the payment form).
 */
export function readImportDate(raw: string, today: string): { date: string } | { error: string } {
  const ro = /^(\d{1,2})[./](\d{1,2})[./](\d{4})$/.exec(raw.trim());
  const date = ro ? `${ro[3]}-${ro[2]!.padStart(2, "0")}-${ro[1]!.padStart(2, "0")}` : raw.trim();
  if (!isIsoDate(date)) return { error: `${V}.dateFormat` };
  if (date < "2000-01-01") return { error: `${V}.dateRange` };
  if (date > addDays(today, 1)) return { error: `${V}.dateFuture` };
  return { date };
}

const plain = (s: string) => s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/[^a-z0-9]/g, "");

// Header words schools use (English and Romanian), compared without case, spaces or diacritics.
const SYNONYMS: Record<ImportField, string[]> = {
  clientName: ["client", "clientname", "payer", "parent", "parinte", "platitor", "numeclient", "numeparinte"],
  email: ["email", "e-mail", "mail", "emailclient"],
  phone: ["phone", "telefon", "tel", "mobil"],
  buyerType: ["buyertype", "type", "tip", "tipclient", "persoana"],
  companyName: ["company", "companyname", "firma", "companie", "denumirefirma"],
  cif: ["cif", "cui", "vat", "codfiscal"],
  regCom: ["regcom", "nrregcom", "traderegister", "registrulcomertului", "nrreg"],
  address: ["address", "adresa", "strada"],
  city: ["city", "localitate", "oras", "sector"],
  county: ["county", "judet"],
  participantName: ["participant", "participantname", "child", "copil", "elev", "cursant", "numecopil"],
  courseName: ["course", "coursename", "curs", "numecurs", "activitate"],
  price: ["price", "pret", "tarif", "cost"],
  downPayment: ["downpayment", "avans"],
  paid: ["paid", "platit", "achitat", "sumaplatita", "amountpaid"],
  paidOn: ["paidon", "paymentdate", "dataplatii", "data"],
  reference: ["reference", "referinta", "cod", "paymentreference", "referintaplata"],
};

/** A first guess of the mapping from the header row. */
export function guessMapping(headers: string[]): ColumnMapping {
  const mapping: ColumnMapping = {};
  for (const field of IMPORT_FIELDS) {
    const header = headers.find((h) => SYNONYMS[field].map(plain).includes(plain(h)) && !Object.values(mapping).includes(h));
    if (header) mapping[field] = header;
  }
  return mapping;
}

/** A mapping remembered for the same header row, onto this file's own spelling of those headers. */
export function adaptMapping(saved: ColumnMapping, headers: string[]): ColumnMapping {
  const out: ColumnMapping = {};
  for (const field of IMPORT_FIELDS) {
    const header = saved[field];
    if (!header) continue;
    const match = headers.find((h) => h === header) ?? headers.find((h) => plain(h) === plain(header));
    if (match) out[field] = match;
  }
  return out;
}

/** Identifies a header row regardless of order and spelling, to remember its mapping. */
export function headerKeyOf(headers: string[]): string {
  return [...headers].map(plain).sort().join("|");
}

/** The downloadable template: every column, with two example rows. */
export function importTemplateCsv(): string {
  const rows = [
    ["Client", "E-mail", "Telefon", "Tip", "Firma", "CIF", "Nr. Reg. Com.", "Adresa", "Localitate", "Judet", "Copil", "Curs", "Pret", "Avans", "Platit", "Data platii", "Referinta"],
    ["Ioana Popescu", "ioana.popescu@exemplu.ro", "0722 123 456", "persoana", "", "", "", "Str. Lalelelor 3", "Sector 3", "București", "Matei Popescu", "Dans modern", "850,00", "250,00", "250,00", "2026-09-20", ""],
    ["Andrei Ionescu", "contabilitate@firma.ro", "", "firma", "Firma Exemplu SRL", "RO12345674", "J40/123/2020", "Bd. Unirii 1", "Cluj-Napoca", "Cluj", "Ana Ionescu", "Pian", "1.800,00", "", "", "", ""],
  ];
  return rows.map((r) => r.map((c) => (/[",;\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(",")).join("\r\n") + "\r\n";
}
