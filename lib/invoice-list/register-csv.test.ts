import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { CSV_INJECTION_PAYLOADS, spreadsheetWouldEvaluate } from "@/test/csv-injection-payloads";
import { currentMonth, invoiceFilterQuery, resolveInvoiceListFilter } from "./filter";
import { buildInvoiceRegisterCsv, CSV_BOM, csvAmount, percentText, REGISTER_COLUMNS, type RegisterRow } from "./register-csv";
import { parseInvoiceExportQuery } from "./schemas";

const header = REGISTER_COLUMNS.map((c) => c.toUpperCase());
const row = (r: Partial<RegisterRow> = {}): RegisterRow => ({
  date: new Date("2026-11-30T22:30:00Z"),
  issuedSeries: "BRS",
  issuedNumber: "0024",
  clientName: "Ștefan Țăranu; Asociația „Știința”",
  clientCif: null,
  reference: "BRS-2026-0001",
  participantName: "Ioana Mureșan",
  vatName: "Normala",
  vatPercent: "21.00",
  netBani: 100_000,
  vatBani: 21_000,
  totalBani: 121_000,
  ...r,
});

describe("buildInvoiceRegisterCsv", () => {
  it("starts with a BOM and the header, ';'-separated, one row per invoice", () => {
    const csv = buildInvoiceRegisterCsv([row(), row({ issuedNumber: "0025", clientCif: "RO12345674", clientName: "Firma SRL" })], header);
    expect(csv.startsWith(CSV_BOM)).toBe(true);
    const lines = csv.slice(1).split("\r\n");
    expect(lines[0]).toBe(header.join(";"));
    expect(lines).toHaveLength(4); // header, two rows, the final line break
    expect(lines[2]).toBe("2026-12-01;BRS;0025;Firma SRL;RO12345674;BRS-2026-0001;Ioana Mureșan;Normala;21;1000.00;210.00;1210.00");
  });

  it("keeps diacritics and quotes a name with the separator in it (it reads back the same)", () => {
    const csv = buildInvoiceRegisterCsv([row()], header);
    const parsed = Papa.parse<string[]>(csv.slice(1), { delimiter: ";" }).data;
    expect(parsed[1]!.slice(0, 4)).toEqual(["2026-12-01", "BRS", "0024", "Ștefan Țăranu; Asociația „Știința”"]);
    expect(Buffer.from(csv, "utf8").subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  it("writes amounts with a dot and two decimals, from integer bani", () => {
    expect([0, 5, 99, 100, 123_450, -5, -123_450, 600_000_000_003].map(csvAmount)).toEqual([
      "0.00",
      "0.05",
      "0.99",
      "1.00",
      "1234.50",
      "-0.05",
      "-1234.50",
      "6000000000.03",
    ]);
    expect(() => csvAmount(1.5)).toThrow(RangeError);
    expect([percentText("21.00"), percentText("9.50"), percentText("0.00"), percentText(null)]).toEqual(["21", "9.5", "0", ""]);
    const csv = buildInvoiceRegisterCsv([row({ vatName: null, vatPercent: null, netBani: 5_000, vatBani: 0, totalBani: 5_000 })], header);
    expect(csv.split("\r\n")[1]!.endsWith(";;;50.00;0.00;50.00")).toBe(true);
  });

  it("keeps a formula-like name as text", () => {
    const csv = buildInvoiceRegisterCsv([row({ clientName: "=HYPERLINK(\"http://x\")" })], header);
    expect(csv).not.toMatch(/;=HYPERLINK/);
    expect(csv).toContain("'=HYPERLINK");
  });

  it("writes no cell a spreadsheet would evaluate, for every payload of the corpus in every text field", () => {
    // Each payload in every field we do not format ourselves (the VAT percentage comes from the database
    // as text: it is checked as a number and treated as text when it is not one).
    const rows = CSV_INJECTION_PAYLOADS.map((p) =>
      row({ issuedSeries: p, issuedNumber: p, clientName: p, clientCif: p, reference: p, participantName: p, vatName: p, vatPercent: p, netBani: -123_450, vatBani: -25_925, totalBani: -149_375 }),
    );
    const csv = buildInvoiceRegisterCsv(rows, [...header.slice(0, -1), "=SUM(A1:A9)"]);
    // One physical line per invoice: no line break inside a cell, so a line-based reader agrees too.
    const lines = csv.slice(1).split(/\r\n|\r|\n/);
    expect(lines).toHaveLength(rows.length + 2);
    const parsed = Papa.parse<string[]>(csv.slice(1), { delimiter: ";", skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data).toHaveLength(rows.length + 1);
    for (const [i, cells] of parsed.data.entries()) {
      expect(cells, `line ${i}`).toHaveLength(REGISTER_COLUMNS.length);
      for (const cell of cells) expect(spreadsheetWouldEvaluate(cell), `line ${i}: ${JSON.stringify(cell)}`).toBe(false);
    }
    for (const [i, p] of CSV_INJECTION_PAYLOADS.entries()) {
      const cells = parsed.data[i + 1]!;
      // The text is kept (on one line, maybe behind the apostrophe); real negative amounts stay numbers.
      expect(cells[3]!.replace(/^'/, ""), JSON.stringify(p)).toBe(p.replace(/\r\n|[\n\r\u000b\u000c\u0085\u2028\u2029]/g, " "));
      expect(cells.slice(-3)).toEqual(["-1234.50", "-259.25", "-1493.75"]);
    }
  });
});

describe("the filter", () => {
  it("defaults to the current month in Bucharest and to issued", () => {
    expect(currentMonth(new Date("2026-11-30T22:30:00Z"))).toEqual({ from: "2026-12-01", to: "2026-12-31" });
    expect(currentMonth(new Date("2028-02-10T10:00:00Z"))).toEqual({ from: "2028-02-01", to: "2028-02-29" });
    const f = resolveInvoiceListFilter({}, new Date("2026-12-02T10:00:00Z"));
    expect(f).toEqual({ from: "2026-12-01", to: "2026-12-31", status: "issued", series: null, profile: null });
    expect(resolveInvoiceListFilter({ from: "2026-12-31", to: "2026-12-01" })).toMatchObject({ from: "2026-12-01", to: "2026-12-31" });
    expect(invoiceFilterQuery({ ...f, series: "BRS" })).toBe("from=2026-12-01&to=2026-12-31&status=issued&series=BRS");
  });

  it("parses the export's query string, and says what is wrong with a bad one", () => {
    const now = new Date("2026-12-02T10:00:00Z");
    const ok = parseInvoiceExportQuery(new URLSearchParams("from=2026-11-01&to=2026-11-30&status=all&series=BRS"), now);
    expect(ok).toEqual({ ok: true, filter: { from: "2026-11-01", to: "2026-11-30", status: "all", series: "BRS", profile: null } });
    expect(parseInvoiceExportQuery(new URLSearchParams(""), now)).toMatchObject({ ok: true, filter: { from: "2026-12-01", to: "2026-12-31", status: "issued" } });
    // The page's own keys (page, size, dir) are ignored.
    expect(parseInvoiceExportQuery(new URLSearchParams("page=3&size=50"), now).ok).toBe(true);
    for (const [q, field] of [
      ["from=2026-02-30", "from"],
      ["to=tomorrow", "to"],
      ["from=2026-12-10&to=2026-12-01", "to"],
      ["status=paid", "status"],
      ["profile=not-a-uuid", "profile"],
      ["series=%3Cscript%3E", "series"],
      ["status=issued&status=failed", "status"],
    ] as const) {
      const r = parseInvoiceExportQuery(new URLSearchParams(q), now);
      expect(r.ok, q).toBe(false);
      expect(!r.ok && r.error.startsWith(`${field}:`), q).toBe(true);
    }
  });
});
