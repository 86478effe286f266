import { decodePDFRawStream, PDFDocument, PDFRawStream } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { invoiceBody, SCHOOL_CIF as SCHOOL, startSandbox, type Sandbox } from "@/test/sandbox";

type Body = Record<string, unknown>;

describe("invoice lifecycle: cancel, restore, delete, reverse, read back", () => {
  let s: Sandbox;
  const issue = async (overrides: Body = {}) => {
    const res = await s.call("POST", "/invoice/v2", { json: invoiceBody(overrides) });
    return (await res.json()) as { number: string; series: string };
  };
  const q = (series: string, number: string) => `cif=${SCHOOL}&seriesname=${series}&number=${number}`;
  const send = async (method: string, path: string, json?: unknown) => {
    const res = await s.call(method, path, { json });
    return { status: res.status, body: (await res.json()) as Body };
  };

  beforeAll(async () => {
    s = await startSandbox();
    await s.admin.setRateLimit({ account: "demo@sandbox.smartbill.test", limit: 10_000 });
  });
  afterAll(() => s.close());

  it("cancels and restores idempotently, keeping the number", async () => {
    const { number } = await issue();
    const cancel = () => send("PUT", `/invoice/cancel?${q("BRS", number)}`);
    expect((await cancel()).body).toEqual({ errorText: "", message: `Factura cu seria si numarul BRS${number} a fost anulata cu succes.`, number: "", series: "", url: "" });
    expect((await cancel()).body.message).toBe(`Factura BRS${number} este deja anulata.`);
    const restore = () => send("PUT", `/invoice/restore?${q("BRS", number)}`);
    expect((await restore()).body.message).toBe(`Factura cu seria si numarul BRS${number} a fost restaurata cu succes.`);
    expect((await restore()).body).toMatchObject({ errorText: "", message: `Factura BRS${number} nu necesita restaurare.` });
    const missing = await send("PUT", `/invoice/cancel?cif=${SCHOOL}&seriesname=BRS`);
    expect(missing).toEqual({ status: 400, body: expect.objectContaining({ errorText: "Numarul facturii trebuie specificat in url in parametrul 'number'!" }) });
    expect((await send("PUT", `/invoice/restore?cif=${SCHOOL}&number=1`)).body.errorText).toBe(
      "Seria facturii trebuie specificata in url in parametrul 'seriesname'!",
    );
    expect((await send("PUT", `/invoice/cancel?${q("BRS", "9999")}`)).body.errorText).toBe("Factura cu seria si numarul BRS9999 nu a fost gasita!");
  });

  it("deletes only the last invoice of a series, then reuses its number (or not, per company)", async () => {
    const a = await issue();
    const b = await issue();
    const notLast = await send("DELETE", `/invoice?${q("BRS", a.number)}`);
    expect(notLast.status).toBe(403);
    expect(notLast.body.errorText).toBe(`Nu poti sterge documentul cu seria si numarul BRS ${a.number}, deoarece nu este ultimul din serie!`);
    const ok = await send("DELETE", `/invoice?${q("BRS", b.number)}`);
    expect(ok.body.message).toBe(`Factura cu seria si numarul BRS${b.number} a fost stearsa cu succes.`);
    expect((await issue()).number).toBe(b.number);

    await s.admin.upsertCompany({ account: "demo@sandbox.smartbill.test", cif: SCHOOL, deleteCounterMode: "keep" });
    const c = await issue();
    await send("DELETE", `/invoice?${q("BRS", c.number)}`);
    expect(Number((await issue()).number)).toBe(Number(c.number) + 1);
    await s.admin.upsertCompany({ account: "demo@sandbox.smartbill.test", cif: SCHOOL, deleteCounterMode: "reuse" });
  });

  it("reverses into the same series once, refusing stornos of stornos and cancelled invoices", async () => {
    const orig = await issue({ issueDate: "2026-06-10" });
    const early = await send("POST", "/invoice/reverse", { companyVatCode: SCHOOL, seriesName: "BRS", number: orig.number, issueDate: "2026-06-01" });
    expect(early.body.errorText).toBe("Data emiterii facturii storno nu poate fi anterioara datei emiterii facturii stornate.");
    const storno = await send("POST", "/invoice/reverse", { companyVatCode: SCHOOL, seriesName: "BRS", number: orig.number, issueDate: "2026-06-20" });
    expect(storno.status).toBe(200);
    expect(storno.body).toMatchObject({ errorText: "", series: "BRS", number: String(Number(orig.number) + 1).padStart(4, "0") });
    expect(storno.body.documentId).toEqual(expect.any(Number));
    const again = await send("POST", "/invoice/reverse", { companyVatCode: SCHOOL, seriesName: "BRS", number: orig.number });
    expect(again.body.errorText).toBe("Factura este deja stornata.");
    const ofStorno = await send("POST", "/invoice/reverse", { companyVatCode: SCHOOL, seriesName: "BRS", number: storno.body.number });
    expect(ofStorno.body.errorText).toBe(`Factura BRS${storno.body.number as string} este de tip storno. Nu se poate storna.`);
    const cancelled = await issue();
    await s.admin.cancelInvoice({ cif: SCHOOL, seriesName: "BRS", number: cancelled.number });
    const c = await send("POST", "/invoice/reverse", { companyVatCode: SCHOOL, seriesName: "BRS", number: cancelled.number });
    expect(c.body.errorText).toBe(`Factura BRS${cancelled.number} este anulata.`);
    expect((await send("POST", "/invoice/reverse", { companyVatCode: SCHOOL, seriesName: "BRS" })).body.errorText).toBe(
      "Numarul facturii trebuie specificat in parametrul 'number'!",
    );
    const badDate = await send("POST", "/invoice/reverse", { companyVatCode: SCHOOL, seriesName: "BRS", number: "1", issueDate: "20.06.2026" });
    expect(badDate.body.errors).toMatchObject([{ code: "json_mapping_error", param: "issueDate" }]);
    const list = await s.admin.listInvoices({ cif: SCHOOL });
    const stornoRow = list.find((i) => i.number === storno.body.number)!;
    expect(stornoRow.total).toBe(-12100);
  });

  it("lets exactly one of several concurrent reversals through, without burning numbers", async () => {
    const orig = await issue();
    const body = { companyVatCode: SCHOOL, seriesName: "BRS", number: orig.number };
    const results = await Promise.all(Array.from({ length: 5 }, () => send("POST", "/invoice/reverse", body)));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.body.errorText === "Factura este deja stornata.")).toHaveLength(4);
    expect((await issue()).number).toBe(String(Number(orig.number) + 2).padStart(4, "0"));
  });

  it("reports payment status with numbers matched as strings", async () => {
    const { number } = await issue();
    const ok = await send("GET", `/invoice/paymentstatus?${q("BRS", number)}`);
    expect(ok.body).toEqual({ errorText: "", message: "", number: "", series: "", url: "", invoiceTotalAmount: 121, paidAmount: 0, unpaidAmount: 121, paid: false });
    const unpadded = await send("GET", `/invoice/paymentstatus?${q("BRS", String(Number(number)))}`);
    expect(unpadded).toEqual({ status: 400, body: expect.objectContaining({ errorText: "Factura nu a fost gasita", paid: false }) });
    expect((await send("GET", `/invoice/paymentstatus?cif=${SCHOOL}&seriesname=BRS`)).body.errorText).toBe("Numarul facturii trebuie specificat");
    await s.admin.markPaid({ cif: SCHOOL, seriesName: "BRS", number, valueBani: 2100 });
    expect((await send("GET", `/invoice/paymentstatus?${q("BRS", number)}`)).body).toMatchObject({ paidAmount: 21, unpaidAmount: 100, paid: false });
    await s.admin.markPaid({ cif: SCHOOL, seriesName: "BRS", number });
    expect((await send("GET", `/invoice/paymentstatus?${q("BRS", number)}`)).body).toMatchObject({ paidAmount: 121, unpaidAmount: 0, paid: true });
  });

  it("serves a real PDF, echoing Accept, refusing application/pdf and answering unknown invoices with nginx 502", async () => {
    const { number } = await issue({ client: { name: "Maria Ionescu", country: "Romania", vatCode: "RO22222222" } });
    const res = await s.call("GET", `/invoice/pdf?${q("BRS", number)}`, { headers: { accept: "application/octet-stream" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/octet-stream");
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="facturaBRS${number}.pdf"`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe("%PDF-");
    const pdf = await PDFDocument.load(bytes);
    expect(pdf.getPageCount()).toBe(1);
    expect(pdf.getTitle()).toBe(`Factura BRS${number}`);
    const text = pageText(pdf);
    for (const expected of ["Scoala Demo SRL", "CIF: RO12345674", `Seria BRS nr. ${number}`, "Maria Ionescu", "Taxa scolara iunie", "TVA 21%", "121.00 RON"]) {
      expect(text).toContain(expected);
    }

    const many = Array.from({ length: 80 }, (_, i) => ({ name: `Linie ${i}`, quantity: 1, price: 1, measuringUnitName: "buc", taxPercentage: 21 }));
    const long = await issue({ products: many });
    const longPdf = await s.call("GET", `/invoice/pdf?${q("BRS", long.number)}`);
    expect((await PDFDocument.load(new Uint8Array(await longPdf.arrayBuffer()))).getPageCount()).toBeGreaterThan(1);

    const star = await s.call("GET", `/invoice/pdf?${q("BRS", number)}`, { headers: { accept: "*/*" } });
    expect(star.headers.get("content-type")).toBe("application/octet-stream");
    const refused = await s.call("GET", `/invoice/pdf?${q("BRS", number)}`, { headers: { accept: "application/pdf" } });
    expect(refused.status).toBe(406);
    expect(await refused.json()).toMatchObject({ errors: [{ code: "invalid_accept_header" }] });
    const unknown = await s.call("GET", `/invoice/pdf?${q("BRS", "9999")}`, { headers: { accept: "*/*" } });
    expect(unknown.status).toBe(502);
    expect(await unknown.text()).toContain("502 Bad Gateway");
  });
});

/** The text drawn on the first page (pdf-lib writes standard-font text as hex strings). */
function pageText(pdf: PDFDocument): string {
  const contents = pdf.getPage(0).node.Contents();
  const streams = contents instanceof PDFRawStream ? [contents] : [];
  if (!streams.length && contents) {
    const arr = contents as unknown as { asArray(): unknown[] };
    for (const ref of arr.asArray()) streams.push(pdf.context.lookup(ref as never) as PDFRawStream);
  }
  const ops = streams.map((st) => Buffer.from(decodePDFRawStream(st).decode()).toString("latin1")).join("\n");
  return [...ops.matchAll(/<([0-9A-Fa-f]*)> Tj/g)].map((m) => Buffer.from(m[1]!, "hex").toString("latin1")).join("\n");
}
