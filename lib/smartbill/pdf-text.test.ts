// Reading a SmartBill document's text back: the sandbox's PDFs are compressed and kerned like SmartBill's,
// so the mark is only found through real text extraction.
import { PDFDocument, StandardFonts } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findMarks, newMarkCode, withMark } from "@/lib/invoicing/engine/mark";
import { startSandbox, type Sandbox } from "@/test/sandbox";
import { PDF_TEXT_MAX_BYTES, PDF_TEXT_MAX_PAGES, pdfText } from "./pdf-text";
import type { DocumentRef, InvoiceInput } from "./types";

let h: Sandbox;
beforeAll(async () => {
  h = await startSandbox();
});
afterAll(() => h.close());

const invoice = (mentions?: string, observations?: string): InvoiceInput => ({
  seriesName: "BRS",
  client: { name: "Maria Ionescu", vatCode: "0000000000000", country: "Romania" },
  products: [{ name: "Taxa scolara", quantity: 1, price: 100, measuringUnitName: "buc", taxName: "Normala", taxPercentage: 21 }],
  ...(mentions === undefined ? {} : { mentions }),
  ...(observations === undefined ? {} : { observations }),
});
const issue = async (input: InvoiceInput): Promise<DocumentRef> => {
  const d = await h.sb.invoices.create(h.creds, input);
  return { seriesName: d.series, number: d.number };
};

describe("pdfText", () => {
  it("reads the mark printed in the mentions of a sandbox invoice; the bytes alone do not show it", async () => {
    const code = newMarkCode();
    const mentions = withMark("Elev: Ana Pop, clasa a V-a", code);
    const ref = await issue(invoice(mentions, "Plata în termen de 15 zile."));
    const { bytes } = await h.sb.invoices.pdf(h.creds, ref);

    const text = await pdfText(bytes);
    expect(findMarks(text)).toEqual([code]);
    expect(text).toContain("Mentiuni:");
    expect(text).toContain("Elev: Ana Pop, clasa a V-a");
    expect(text).toContain("Observatii:");
    expect(text).toContain("Plata in termen de 15 zile.");
    expect(text).toContain(`Seria BRS nr. ${ref.number}`);

    // Compressed and kerned: neither the phrase nor the code is anywhere in the raw bytes.
    const raw = Buffer.from(bytes).toString("latin1");
    expect(raw).not.toContain("Bursar");
    expect(raw).not.toContain(code);
    expect(findMarks(raw)).toEqual([]);
    // The caller's bytes are left as they were (pdfjs would otherwise detach the buffer).
    expect(bytes.byteLength).toBeGreaterThan(0);
  });

  it("finds no mark on an invoice issued without one, nor on its storno", async () => {
    const ref = await issue(invoice());
    expect(findMarks(await pdfText((await h.sb.invoices.pdf(h.creds, ref)).bytes))).toEqual([]);
    const storno = await h.sb.invoices.reverse(h.creds, ref);
    const text = await pdfText((await h.sb.invoices.pdf(h.creds, { seriesName: storno.series, number: storno.number })).bytes);
    expect(text).toContain("FACTURA STORNO");
    expect(text).toContain(`Storno la factura BRS${ref.number}`);
    expect(findMarks(text)).toEqual([]);
  });

  it("wraps long mentions over several printed lines, each line of the text on its own", async () => {
    const long = Array.from({ length: 40 }, (_, i) => `cuvant${i}`).join(" ");
    const code = newMarkCode();
    const ref = await issue(invoice(withMark(long, code)));
    const text = await pdfText((await h.sb.invoices.pdf(h.creds, ref)).bytes);
    const printed = text.slice(text.indexOf("Mentiuni:")).split("\n");
    expect(printed.length).toBeGreaterThanOrEqual(4);
    expect(printed.join(" ")).toContain("cuvant0 cuvant1");
    expect(printed.join(" ")).toContain("cuvant39");
    expect(findMarks(text)).toEqual([code]);
  });

  it("reads pages in order and stops after PDF_TEXT_MAX_PAGES", async () => {
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    for (let n = 1; n <= PDF_TEXT_MAX_PAGES + 5; n++) {
      doc.addPage().drawText(`pagina ${n}.`, { x: 40, y: 700, size: 10, font });
    }
    const lines = (await pdfText(await doc.save())).split("\n");
    expect(lines).toEqual(Array.from({ length: PDF_TEXT_MAX_PAGES }, (_, i) => `pagina ${i + 1}.`));
  });

  it("throws a plain Error for bytes that are not a PDF, and refuses oversized input", async () => {
    await expect(pdfText(new TextEncoder().encode("not a pdf at all"))).rejects.toThrow(/Not a readable PDF/);
    await expect(pdfText(new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 1, 2, 3]))).rejects.toThrow(/Not a readable PDF/);
    await expect(pdfText(new Uint8Array(PDF_TEXT_MAX_BYTES + 1))).rejects.toThrow(/too large/);
  });
});
