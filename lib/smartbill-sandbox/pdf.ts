// A small but real invoice PDF: what an integration downloads is the only way to read a document back.
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from "pdf-lib";
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
  return doc.save();
}
