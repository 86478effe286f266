import { describe, expect, it } from "vitest";
import { parseMoneyToBani } from "../money";
import { IMPORT_FIELDS, MAX_IMPORT_ROWS, adaptMapping, guessMapping, readImportDate, headerKeyOf, importTemplateCsv, parseCsv } from "./csv";

describe("parseCsv", () => {
  it("reads Excel's Romanian export: BOM, semicolons, quoted cells, the spreadsheet's row numbers", () => {
    const csv = parseCsv('\uFEFFClient;Copil;Curs;Preț\r\n"Popescu; Ioana";Matei;Dans;"1.234,50"\r\n\r\nIonescu Ana;Ilinca;Pian;900\r\n');
    expect(csv.headers).toEqual(["Client", "Copil", "Curs", "Preț"]);
    expect(csv.rows).toEqual([
      { line: 2, cells: { Client: "Popescu; Ioana", Copil: "Matei", Curs: "Dans", Preț: "1.234,50" } },
      { line: 4, cells: { Client: "Ionescu Ana", Copil: "Ilinca", Curs: "Pian", Preț: "900" } },
    ]);
    expect(parseMoneyToBani(csv.rows[0]!.cells["Preț"]!)).toBe(123_450);
  });

  it("counts blank rows (and Excel's rows of bare separators) in the row number, as the spreadsheet does", () => {
    const csv = parseCsv("Client;Copil\n;\nAna;Ion\n\n ; \nDan;Toma\n");
    expect(csv.rows.map((r) => [r.line, r.cells.Client])).toEqual([
      [3, "Ana"],
      [6, "Dan"],
    ]);
  });

  it("names blank and repeated headers apart, so every column can be mapped", () => {
    const csv = parseCsv("Nume,,Nume\nAna,x,Ion\n");
    expect(csv.headers).toEqual(["Nume", "(2)", "Nume (2)"]);
    expect(csv.rows[0]!.cells).toEqual({ Nume: "Ana", "(2)": "x", "Nume (2)": "Ion" });
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

describe("readImportDate", () => {
  const today = "2026-12-02";
  it("reads ISO and Romanian dates", () => {
    expect(readImportDate("2026-09-20", today)).toEqual({ date: "2026-09-20" });
    expect(readImportDate(" 20.09.2026 ", today)).toEqual({ date: "2026-09-20" });
    expect(readImportDate("5/9/2026", today)).toEqual({ date: "2026-09-05" });
    expect(readImportDate("2026-12-03", today)).toEqual({ date: "2026-12-03" });
  });

  it("refuses a day that does not exist, a year before 2000 and a payment in the future", () => {
    expect(readImportDate("30.02.2026", today)).toEqual({ error: "registrationErrors.validation.dateFormat" });
    expect(readImportDate("09/20/2026", today)).toEqual({ error: "registrationErrors.validation.dateFormat" });
    expect(readImportDate("yesterday", today)).toEqual({ error: "registrationErrors.validation.dateFormat" });
    expect(readImportDate("1999-12-31", today)).toEqual({ error: "registrationErrors.validation.dateRange" });
    expect(readImportDate("2026-12-04", today)).toEqual({ error: "registrationErrors.validation.dateFuture" });
  });
});
