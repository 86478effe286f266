import { describe, expect, it } from "vitest";
import { parseMoneyToBani } from "../money";
import { IMPORT_FIELDS, guessMapping, headerKeyOf, importTemplateCsv, parseCsv } from "./csv";

describe("parseCsv", () => {
  it("reads Excel's Romanian export: BOM, semicolons, quoted cells, line numbers", () => {
    const csv = parseCsv('\uFEFFClient;Copil;Curs;Preț\r\n"Popescu; Ioana";Matei;Dans;"1.234,50"\r\n\r\nIonescu Ana;Ilinca;Pian;900\r\n');
    expect(csv.headers).toEqual(["Client", "Copil", "Curs", "Preț"]);
    expect(csv.rows).toEqual([
      { line: 2, cells: { Client: "Popescu; Ioana", Copil: "Matei", Curs: "Dans", Preț: "1.234,50" } },
      { line: 3, cells: { Client: "Ionescu Ana", Copil: "Ilinca", Curs: "Pian", Preț: "900" } },
    ]);
    expect(parseMoneyToBani(csv.rows[0]!.cells["Preț"]!)).toBe(123_450);
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

  it("keys a header row independently of column order and spelling", () => {
    expect(headerKeyOf(["Curs", "Copil", "Preț"])).toBe(headerKeyOf(["copil", "PRET", "curs"]));
  });
});
