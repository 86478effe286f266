// Reading a school's spreadsheet export. Pure (papaparse), shared by the upload form and the server.
import Papa from "papaparse";
import { IMPORT_FIELDS, MAX_HEADER_LENGTH, type ColumnMapping, type ImportField } from "./fields";

export { IMPORT_FIELDS, MAX_HEADER_LENGTH, MAX_IMPORT_BYTES, MAX_IMPORT_COLUMNS, MAX_IMPORT_ROWS, REQUIRED_FIELDS, type ColumnMapping, type ImportField } from "./fields";

export interface ParsedCsv {
  headers: string[];
  /** Each header's column: a Map, so a header (or a mapping) named `__proto__` or `toString` is just a name. */
  columns: Map<string, number>;
  /**
   * Each non-blank data row with its row number as a spreadsheet shows it (the header is row 1; blank
   * rows count). Cells by column, as the file has them: a short row is not padded to the header's width,
   * so the work stays proportional to the file's size whatever its header row.
   */
  rows: { line: number; cells: string[] }[];
}

/**
 * A blank header gets its column number, a repeated one a suffix: each column must be choosable.
 * Linear: each base name keeps its next free suffix, so a header repeating one name 16,000 times costs
 * 16,000 steps, not 16,000²/2 (each candidate name is tried at most once per base).
 */
export function uniqueHeaders(raw: readonly string[]): string[] {
  const seen = new Set<string>();
  const nextSuffix = new Map<string, number>();
  return raw.map((h, i) => {
    const base = cleanHeader(h) || `(${i + 1})`;
    let name = base;
    if (seen.has(name)) {
      let n = nextSuffix.get(base) ?? 2;
      while (seen.has(`${base} (${n})`)) n++;
      name = `${base} (${n})`;
      nextSuffix.set(base, n + 1);
    }
    seen.add(name);
    return name;
  });
}

// Control characters and bidirectional overrides in a header are dropped: a header is shown in a
// select, remembered (jsonb refuses NUL) and sent back as a mapping.
const UNSAFE_IN_HEADER = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u200e\u200f]/g;
// Cut to what a mapping may name (the actions take at most 200 characters).
const cleanHeader = (h: string) => h.replace(UNSAFE_IN_HEADER, "").trim().slice(0, MAX_HEADER_LENGTH).replace(LONE_SURROGATE, "\uFFFD");
const LONE_SURROGATE = /\p{Cs}/gu;

/** Parses CSV text (comma or semicolon, as Excel writes it in Romania; a BOM is ignored). Linear in the text. */
export function parseCsv(text: string): ParsedCsv {
  // A lone surrogate (a file cut mid-character) becomes U+FFFD, as PostgreSQL would store it.
  const body = text.replace(LONE_SURROGATE, "\uFFFD").replace(/^\uFEFF/, "");
  // The delimiter is guessed on non-blank lines; the parse itself keeps blank rows so row numbers match
  // the spreadsheet the school exported.
  const { delimiter } = Papa.parse<string[]>(body, { skipEmptyLines: "greedy", delimitersToGuess: [",", ";", "\t"], preview: 50 }).meta;
  const [head = [], ...records] = Papa.parse<string[]>(body, { delimiter }).data;
  const headers = uniqueHeaders(head);
  const columns = new Map(headers.map((h, c) => [h, c]));
  const rows: ParsedCsv["rows"] = [];
  records.forEach((record, i) => {
    const cells = record.map((c) => c.trim());
    if (cells.some((c) => c !== "")) rows.push({ line: i + 2, cells });
  });
  return { headers, columns, rows };
}

/** The cell of `header` in a row ("" when the row is shorter, or the file has no such column). */
export function cellOf(csv: Pick<ParsedCsv, "columns">, cells: readonly string[], header: string | undefined): string {
  const c = header === undefined ? undefined : csv.columns.get(header);
  return c === undefined ? "" : (cells[c] ?? "");
}

/**
 * A payment date as spreadsheets write it, in ISO form: the Romanian 20.09.2026 (also 20/09/2026)
 * becomes 2026-09-20; anything else is passed on as written, for the payment form's schema to judge.
 */
export function importDateOf(raw: string): string {
  const ro = /^(\d{1,2})[./](\d{1,2})[./](\d{4})$/.exec(raw.trim());
  return ro ? `${ro[3]}-${ro[2]!.padStart(2, "0")}-${ro[1]!.padStart(2, "0")}` : raw.trim();
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
    const header = Object.hasOwn(saved, field) ? saved[field] : undefined;
    if (typeof header !== "string" || !header) continue;
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
