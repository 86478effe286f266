import { describe, expect, it } from "vitest";
import { MAX_IMPORT_BYTES } from "@/lib/registrations/import/fields";
import { formatFileSize, readCsvFile } from "./read-csv-file";

const file = (parts: BlobPart[], name = "scoala.csv", type = "text/csv") => new File(parts, name, { type });

describe("readCsvFile", () => {
  it("reads UTF-8 (with or without a BOM) and Excel's Central European code page alike", async () => {
    expect(await readCsvFile(file(["Client;Copil\nȘtefan;Ana\n"]))).toEqual({ ok: true, name: "scoala.csv", bytes: 25, csv: "Client;Copil\nȘtefan;Ana\n" });
    expect(await readCsvFile(file(["\uFEFFClient\nȘtefan\n"]))).toMatchObject({ ok: true, csv: "Client\nȘtefan\n" });
    // "Părinte;Județ" as windows-1250 bytes: ă = 0xE3, ţ = 0xFE (the cedilla form Excel writes).
    const cp1250 = new Uint8Array([0x50, 0xe3, 0x72, 0x69, 0x6e, 0x74, 0x65, 0x3b, 0x4a, 0x75, 0x64, 0x65, 0xfe, 0x0a]);
    expect(await readCsvFile(file([cp1250]))).toMatchObject({ ok: true, csv: "Părinte;Judeţ\n" });
  });

  it("refuses what is not a CSV file, an empty one and one over the stated limit, before sending anything", async () => {
    expect(await readCsvFile(file(["x"], "poza.png", "image/png"))).toEqual({ ok: false, error: "notCsv" });
    expect(await readCsvFile(file([new Uint8Array([0x50, 0x4b, 3, 4, 20])], "tabel.csv"))).toEqual({ ok: false, error: "notCsv" });
    expect(await readCsvFile(file([]))).toEqual({ ok: false, error: "empty" });
    expect(await readCsvFile(file(["\uFEFF \n\n"]))).toEqual({ ok: false, error: "empty" });
    expect(await readCsvFile(file(["a".repeat(MAX_IMPORT_BYTES + 1)]))).toEqual({ ok: false, error: "tooLarge", bytes: MAX_IMPORT_BYTES + 1 });
    // Under the file limit, but JSON escaping would double it past the action body limit.
    expect(await readCsvFile(file(['"'.repeat(MAX_IMPORT_BYTES)]))).toEqual({ ok: false, error: "tooLarge", bytes: MAX_IMPORT_BYTES });
  });

  it("states sizes in the reader's language", () => {
    expect(formatFileSize(MAX_IMPORT_BYTES, "en")).toBe("512 kB");
    expect(formatFileSize(1.5 * 1024 * 1024, "ro")).toBe("1,5 MB");
  });
});
