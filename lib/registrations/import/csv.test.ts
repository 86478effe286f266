import { describe, expect, it } from "vitest";
import { parseMoneyToBani } from "../money";
import { IMPORT_FIELDS, MAX_IMPORT_ROWS, adaptMapping, cellOf, guessMapping, importDateOf, headerKeyOf, importTemplateCsv, parseCsv, uniqueHeaders } from "./csv";

const cellsOf = (csv: ReturnType<typeof parseCsv>, row: number) => Object.fromEntries(csv.headers.map((h) => [h, cellOf(csv, csv.rows[row]!.cells, h)]));

describe("parseCsv", () => {
  it("reads Excel's Romanian export: BOM, semicolons, quoted cells, the spreadsheet's row numbers", () => {
    const csv = parseCsv('\uFEFFClient;Copil;Curs;Preț\r\n"Popescu; Ioana";Matei;Dans;"1.234,50"\r\n\r\nIonescu Ana;Ilinca;Pian;900\r\n');
    expect(csv.headers).toEqual(["Client", "Copil", "Curs", "Preț"]);
    expect(csv.rows.map((r) => r.line)).toEqual([2, 4]);
    expect(cellsOf(csv, 0)).toEqual({ Client: "Popescu; Ioana", Copil: "Matei", Curs: "Dans", Preț: "1.234,50" });
    expect(cellsOf(csv, 1)).toEqual({ Client: "Ionescu Ana", Copil: "Ilinca", Curs: "Pian", Preț: "900" });
    expect(parseMoneyToBani(cellOf(csv, csv.rows[0]!.cells, "Preț"))).toBe(123_450);
  });

  it("counts blank rows (and Excel's rows of bare separators) in the row number, as the spreadsheet does", () => {
    const csv = parseCsv("Client;Copil\n;\nAna;Ion\n\n ; \nDan;Toma\n");
    expect(csv.rows.map((r) => [r.line, cellOf(csv, r.cells, "Client")])).toEqual([
      [3, "Ana"],
      [6, "Dan"],
    ]);
  });

  it("names blank and repeated headers apart, so every column can be mapped", () => {
    const csv = parseCsv("Nume,,Nume\nAna,x,Ion\n");
    expect(csv.headers).toEqual(["Nume", "(2)", "Nume (2)"]);
    expect(cellsOf(csv, 0)).toEqual({ Nume: "Ana", "(2)": "x", "Nume (2)": "Ion" });
    // A suffix already used by a header of the file is skipped, never given twice.
    expect(uniqueHeaders(["A", "A (2)", "A", "A"])).toEqual(["A", "A (2)", "A (3)", "A (4)"]);
  });

  it("names a header repeated 16,000 times apart in linear time (a quadratic de-duplication took 11–22 s)", () => {
    // The 64 kB file of the report: one name, 16,000 times.
    const csv = parseCsv(`${"Nume;".repeat(15_999)}Nume\nAna\n`);
    expect(csv.headers).toHaveLength(16_000);
    expect(new Set(csv.headers).size).toBe(16_000);
    expect(csv.headers.at(-1)).toBe("Nume (16000)");
    // At the size limit (250,000 columns): quadratic would be 3·10¹⁰ probes (hours); linear is instant.
    // And the worst order for a per-name counter: every suffix taken by the file before the repeats.
    const n = 125_000;
    const taken = Array.from({ length: n }, (_, i) => `A (${i + 2})`);
    const headers = uniqueHeaders([...taken, ...Array<string>(n).fill("A")]);
    expect(new Set(headers).size).toBe(2 * n);
    expect(headers.at(-1)).toBe(`A (${2 * n})`);
  });

  it("looks cells up by header in a Map: a column named __proto__, constructor or toString is just a column", () => {
    const csv = parseCsv("__proto__;constructor;toString\nAna;Ion;Dan\n");
    expect(["__proto__", "constructor", "toString"].map((h) => cellOf(csv, csv.rows[0]!.cells, h))).toEqual(["Ana", "Ion", "Dan"]);
    expect(cellOf(csv, csv.rows[0]!.cells, "hasOwnProperty")).toBe("");
    expect(cellOf(parseCsv("A\nx\n"), ["x"], "__proto__")).toBe("");
  });

  it("keeps a short row short (no padding to the header's width) and cleans what a header may not hold", () => {
    const csv = parseCsv(`${"H;".repeat(999)}H\n${"x\n".repeat(1_000)}`);
    expect(csv.rows).toHaveLength(1_000);
    expect(csv.rows.every((r) => r.cells.length === 1)).toBe(true);
    expect(parseCsv("Nu\u0000me;\u202eCopil;Ana\ud800\nx;y;z\n").headers).toEqual(["Nume", "Copil", "Ana\ufffd"]);
    expect(parseCsv(`${"x".repeat(5_000)}\n1\n`).headers[0]).toHaveLength(100);
  });

  it("keeps every row past any limit: the import refuses an oversized file rather than cutting it", () => {
    const csv = parseCsv(`A\n${"x\n".repeat(MAX_IMPORT_ROWS + 1)}`);
    expect(csv.rows).toHaveLength(MAX_IMPORT_ROWS + 1);
  });
});

describe("guessMapping", () => {
  it("maps Romanian and English headers, ignoring case, spaces and diacritics", () => {
    expect(guessMapping(["Nume părinte", "E-mail", "Copil", "Curs", "Preț", "Avans", "Achitat", "Data plății", "CUI", "Județ"])).toEqual({
      clientName: "Nume părinte",
      email: "E-mail",
      participantName: "Copil",
      courseName: "Curs",
      price: "Preț",
      downPayment: "Avans",
      paid: "Achitat",
      paidOn: "Data plății",
      cif: "CUI",
      county: "Județ",
    });
    expect(guessMapping(["Parent", "Child", "Course", "Price"])).toEqual({ clientName: "Parent", participantName: "Child", courseName: "Course", price: "Price" });
  });

  it("maps every column of the template", () => {
    const { headers } = parseCsv(importTemplateCsv());
    expect(Object.keys(guessMapping(headers)).sort()).toEqual([...IMPORT_FIELDS].sort());
  });

  it("puts a remembered mapping onto this file's spelling of the same headers", () => {
    const saved = { clientName: "Cine plătește", participantName: "Pentru cine", courseName: "Ce curs" };
    expect(adaptMapping(saved, ["CE CURS", "pentru cine", "Cine plateste"])).toEqual({ clientName: "Cine plateste", participantName: "pentru cine", courseName: "CE CURS" });
    expect(adaptMapping(saved, ["Cine plătește", "Pentru cine"])).toEqual({ clientName: "Cine plătește", participantName: "Pentru cine" });
  });

  it("keys a header row independently of column order and spelling", () => {
    expect(headerKeyOf(["Curs", "Copil", "Preț"])).toBe(headerKeyOf(["copil", "PRET", "curs"]));
  });
});

describe("importDateOf", () => {
  it("writes Romanian dates in ISO form and passes anything else on for the payment form's schema to judge", () => {
    expect(importDateOf("2026-09-20")).toBe("2026-09-20");
    expect(importDateOf(" 20.09.2026 ")).toBe("2026-09-20");
    expect(importDateOf("5/9/2026")).toBe("2026-09-05");
    expect(importDateOf("30.02.2026")).toBe("2026-02-30");
    expect(importDateOf("yesterday")).toBe("yesterday");
  });
});
