// Reading a school's spreadsheet export. Pure (papaparse), shared by the upload form and the server.
import Papa from "papaparse";

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

export const MAX_IMPORT_ROWS = 5_000;

export interface ParsedCsv {
  headers: string[];
  /** Each data row with its line number in the file (the header is line 1). */
  rows: { line: number; cells: Record<string, string> }[];
}

/** Parses CSV text (comma or semicolon, as Excel writes it in Romania; a BOM is ignored). */
export function parseCsv(text: string): ParsedCsv {
  const result = Papa.parse<string[]>(text.replace(/^\uFEFF/, ""), { skipEmptyLines: "greedy", delimitersToGuess: [",", ";", "\t"] });
  const [head = [], ...body] = result.data;
  const headers = head.map((h) => h.trim());
  const rows = body.slice(0, MAX_IMPORT_ROWS).map((cells, i) => ({
    line: i + 2,
    cells: Object.fromEntries(headers.map((h, c) => [h, (cells[c] ?? "").trim()])),
  }));
  return { headers, rows };
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
