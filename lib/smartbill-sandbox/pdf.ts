// A small but real invoice PDF: what an integration downloads is the only way to read a document back.
// Like SmartBill's, its content streams are Flate-compressed (pdf-lib's default for page content) and
// the free-text lines (mentions, observations) are drawn in kerned runs, so the bytes never hold a
// printed phrase such as Bursar's mark contiguously: a reader has to extract the text (lib/smartbill/pdf-text.ts).
import {
  beginText,
  endText,
  moveText,
  PDFDocument,
  PDFNumber,
  PDFOperator,
  PDFOperatorNames,
  popGraphicsState,
  pushGraphicsState,
  rgb,
  setFillingGrayscaleColor,
  setFontAndSize,
  StandardFonts,
  type PDFFont,
  type PDFName,
  type PDFPage,
} from "pdf-lib";
import type { Company } from "./accounts";
import type { Invoice } from "./invoices";
import { formatAmount } from "./money";

// The standard fonts only cover WinAnsi; Romanian ș/ț/ă would throw, so text is folded to plain Latin.
export function pdfText(s: unknown): string {
  return String(s ?? "")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[\r\n\t]+/g, " ")
    .replace(/[^\x20-\x7e\xa0-\xff]/g, "?");
}

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 40;
const COLS = [
  { title: "Nr", x: 40 },
  { title: "Denumire", x: 62 },
  { title: "UM", x: 262 },
  { title: "Cant.", x: 300 },
  { title: "Pret", x: 345 },
  { title: "Valoare", x: 405 },
  { title: "TVA %", x: 470 },
  { title: "TVA", x: 515 },
];

export async function renderInvoicePdf(company: Company, inv: Invoice, original?: Invoice): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const title = `Factura ${inv.seriesName}${inv.number}`;
  doc.setTitle(pdfText(title));
  doc.setProducer("Bursar SmartBill sandbox");
  doc.setCreationDate(inv.createdAt);
  doc.setModificationDate(inv.createdAt);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);

  let page = doc.addPage(A4);
  let y = A4[1] - MARGIN;
  const write = (p: PDFPage, text: string, x: number, at: number, size = 9, f: PDFFont = font) =>
    p.drawText(pdfText(text).slice(0, 60), { x, y: at, size, font: f, color: rgb(0, 0, 0) });

  const heading = inv.isDraft ? "FACTURA (CIORNA)" : inv.stornoOf !== null ? "FACTURA STORNO" : "FACTURA";
  write(page, heading, MARGIN, y, 18, bold);
  if (inv.state === "cancelled") write(page, "ANULATA", 460, y, 18, bold);
  y -= 22;
  write(page, `Seria ${inv.seriesName} nr. ${inv.number || "-"}`, MARGIN, y, 11, bold);
  write(page, `Data emiterii: ${inv.issueDate}`, 330, y, 10);
  y -= 14;
  if (inv.dueDate) write(page, `Data scadentei: ${inv.dueDate}`, 330, y, 10);
  if (original) write(page, `Storno la factura ${original.seriesName}${original.number}`, MARGIN, y, 10);
  y -= 24;

  write(page, "Furnizor", MARGIN, y, 10, bold);
  write(page, "Client", 320, y, 10, bold);
  y -= 14;
  const c = inv.client;
  const left = [company.name, `CIF: ${company.cif}`, company.address, company.vatPayer ? "Platitor TVA" : "Neplatitor TVA"];
  const right = [c.name, c.vatCode ? `CIF: ${c.vatCode}` : "", c.address, [c.city, c.county].filter(Boolean).join(", "), c.country];
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    if (left[i]) write(page, String(left[i]), MARGIN, y);
    if (right[i]) write(page, String(right[i]), 320, y);
    y -= 12;
  }
  y -= 14;

  const header = (p: PDFPage, at: number) => {
    for (const col of COLS) write(p, col.title, col.x, at, 9, bold);
    p.drawLine({ start: { x: MARGIN, y: at - 4 }, end: { x: A4[0] - MARGIN, y: at - 4 }, thickness: 0.5 });
  };
  header(page, y);
  y -= 16;
  inv.lines.forEach((l, i) => {
    if (y < MARGIN + 80) {
      page = doc.addPage(A4);
      y = A4[1] - MARGIN;
      header(page, y);
      y -= 16;
    }
    const cells = [
      String(i + 1),
      l.name.slice(0, 38),
      l.measuringUnitName,
      String(l.quantity),
      String(l.price),
      formatAmount(l.net),
      String(l.vatPercent),
      formatAmount(l.vat),
    ];
    cells.forEach((cell, j) => write(page, cell, COLS[j]!.x, y));
    y -= 12;
  });

  y -= 10;
  page.drawLine({ start: { x: 300, y: y + 6 }, end: { x: A4[0] - MARGIN, y: y + 6 }, thickness: 0.5 });
  const byRate = new Map<number, number>();
  for (const l of inv.lines) byRate.set(l.vatPercent, (byRate.get(l.vatPercent) ?? 0) + l.vat);
  const totals: [string, number][] = [["Total fara TVA", inv.totalNet]];
  for (const [rate, vat] of byRate) totals.push([`TVA ${rate}%`, vat]);
  totals.push(["Total de plata", inv.total]);
  for (const [label, bani] of totals) {
    const last = label === "Total de plata";
    write(page, label, 330, y, 10, last ? bold : font);
    write(page, `${formatAmount(bani)} ${inv.currency}`, 460, y, 10, last ? bold : font);
    y -= 14;
  }

  // Free text after the totals, as SmartBill prints it: a label, then the text's own lines, wrapped.
  const kerned = new KernedWriter(doc);
  for (const [label, value] of [
    ["Mentiuni:", inv.mentions],
    ["Observatii:", inv.observations],
  ] as const) {
    const lines = freeTextLines(value, font, FREE_TEXT_SIZE, A4[0] - 2 * MARGIN);
    if (!lines.length) continue;
    y -= 8;
    for (const [i, line] of [label, ...lines].entries()) {
      if (y < MARGIN) {
        page = doc.addPage(A4);
        y = A4[1] - MARGIN;
      }
      kerned.write(page, line, MARGIN, y, FREE_TEXT_SIZE, i === 0 ? bold : font);
      y -= 12;
    }
  }
  return doc.save();
}

const FREE_TEXT_SIZE = 9;
// Enough for any real note; a bound all the same, since the text comes from the API caller.
const MAX_FREE_TEXT_LINES = 60;

/** The printed lines of a free-text field: one per line of the text, each wrapped to `width`. */
export function freeTextLines(value: string | null, font: PDFFont, size: number, width: number): string[] {
  const out: string[] = [];
  for (const raw of (value ?? "").split(/\r\n|\r|\n/)) {
    let rest = pdfText(raw).trim();
    while (rest && out.length < MAX_FREE_TEXT_LINES) {
      // No line of 9-point Helvetica across the page holds more than ~250 characters (all "i").
      let cut = Math.min(rest.length, 300);
      while (cut > 1 && font.widthOfTextAtSize(rest.slice(0, cut), size) > width) {
        const space = rest.lastIndexOf(" ", cut - 1);
        cut = space > 0 ? space : cut - 1;
      }
      out.push(rest.slice(0, cut).trimEnd());
      rest = rest.slice(cut).trimStart();
    }
  }
  return out;
}

// Kerning adjustments between runs, in thousandths of an em (positive moves the next run left). Small
// enough that no text extractor reads them as spaces.
const KERNS = [-12, 8, -6, 14, -9, 5];

/** A line split into runs of 3 to 7 characters with a kerning adjustment between each two. */
export function kernedRuns(text: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (let i = 0, k = 0; i < text.length; k++) {
    const len = 3 + ((i * 7 + k * 3) % 5);
    out.push(text.slice(i, i + len));
    i += len;
    if (i < text.length) out.push(KERNS[k % KERNS.length]!);
  }
  return out;
}

/** Draws lines with one TJ operator each, `[<run> -12 <run> 8 …] TJ`, as SmartBill's documents do. */
class KernedWriter {
  // pdf-lib's drawText adds a font resource per call; one per page and font is enough.
  private readonly keys = new Map<PDFPage, Map<PDFFont, PDFName>>();

  constructor(private readonly doc: PDFDocument) {}

  write(page: PDFPage, text: string, x: number, y: number, size: number, font: PDFFont): void {
    const runs = kernedRuns(text).map((r) => (typeof r === "number" ? PDFNumber.of(r) : font.encodeText(r)));
    page.pushOperators(
      pushGraphicsState(),
      beginText(),
      setFillingGrayscaleColor(0),
      setFontAndSize(this.fontKey(page, font), size),
      moveText(x, y),
      PDFOperator.of(PDFOperatorNames.ShowTextAdjusted, [this.doc.context.obj(runs)]),
      endText(),
      popGraphicsState(),
    );
  }

  private fontKey(page: PDFPage, font: PDFFont): PDFName {
    let byFont = this.keys.get(page);
    if (!byFont) this.keys.set(page, (byFont = new Map()));
    let key = byFont.get(font);
    if (!key) byFont.set(font, (key = page.node.newFontDictionary(font.name, font.ref)));
    return key;
  }
}
