// After issuing: PDF, payment status, cancel/restore, delete, storno, payments and e-mail, against the
// sandbox, with exact request shapes (zero-padded numbers, lowercase `seriesname`, Base64 e-mail texts).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SCHOOL_CIF, startSandbox, type Sandbox } from "@/test/sandbox";
import { expectSmartBillError as failure } from "@/test/expect";
import type { DocumentRef, InvoiceInput } from "./types";

let h: Sandbox;
beforeAll(async () => {
  h = await startSandbox();
  await h.admin.upsertCompany({ account: h.creds.username, cif: SCHOOL_CIF, smtpConfigured: true });
});
afterAll(() => h.close());
beforeEach(() => h.mark());

const invoice: InvoiceInput = {
  seriesName: "BRS",
  client: { name: "Maria Ionescu", vatCode: "0000000000000", country: "Romania", email: "maria@example.com" },
  products: [{ name: "Taxa scolara", quantity: 1, price: 100, measuringUnitName: "buc", taxName: "Normala", taxPercentage: 21 }],
};
const issue = async (): Promise<DocumentRef> => {
  const d = await h.sb.invoices.create(h.creds, invoice);
  return { seriesName: d.series, number: d.number };
};

describe("reading an invoice back", () => {
  it("downloads the PDF with SmartBill's file name, asking for octet-stream", async () => {
    const ref = await issue();
    const pdf = await h.sb.invoices.pdf(h.creds, ref);
    expect(Buffer.from(pdf.bytes.subarray(0, 5)).toString()).toBe("%PDF-");
    expect(pdf.filename).toBe(`factura${ref.seriesName}${ref.number}.pdf`);
    const [call] = (await h.calls()).slice(-1);
    expect(call!.query).toContain("seriesname=BRS");
    expect(call!.query).toContain(`number=${ref.number}`);
  });

  it("an unknown invoice's PDF (SmartBill's 502 page) is not_found, not retried", async () => {
    await h.mark();
    const e = await failure(h.sb.invoices.pdf(h.creds, { seriesName: "BRS", number: "9999" }));
    expect([e.code, e.httpStatus]).toEqual(["not_found", 502]);
    expect(await h.calls()).toHaveLength(1);
  });

  it("reports payment status; a number without its zero padding is not found", async () => {
    const ref = await issue();
    expect(await h.sb.invoices.paymentStatus(h.creds, ref)).toEqual({ invoiceTotalAmount: 121, paidAmount: 0, unpaidAmount: 121, paid: false });
    const unpadded = String(Number(ref.number));
    expect((await failure(h.sb.invoices.paymentStatus(h.creds, { ...ref, number: unpadded }))).code).toBe("not_found");
  });
});

describe("changing an invoice", () => {
  it("cancel and restore are idempotent and say whether anything changed", async () => {
    const ref = await issue();
    expect((await h.sb.invoices.cancel(h.creds, ref)).changed).toBe(true);
    const again = await h.sb.invoices.cancel(h.creds, ref);
    expect(again.changed).toBe(false);
    expect(again.message).toMatch(/deja anulata/);
    expect((await h.sb.invoices.restore(h.creds, ref)).changed).toBe(true);
    expect((await h.sb.invoices.restore(h.creds, ref)).changed).toBe(false);
    expect((await failure(h.sb.invoices.cancel(h.creds, { seriesName: "BRS", number: "99999999" }))).code).toBe("not_found");
  });

  it("a cancel whose answer is lost is retried (idempotent PUT)", async () => {
    const ref = await issue();
    await h.mark();
    await h.admin.addFault({ account: h.creds.username, kind: "drop_after_store", path: "/invoice/cancel" });
    expect((await h.sb.invoices.cancel(h.creds, ref)).changed).toBe(false);
    expect((await h.calls()).map((c) => c.path)).toEqual(["/invoice/cancel", "/invoice/cancel"]);
    await h.sb.invoices.restore(h.creds, ref);
  });

  it("deletes only the last invoice of a series; a lost delete answer is ambiguous", async () => {
    const older = await issue();
    const last = await issue();
    const notLast = await failure(h.sb.invoices.delete(h.creds, older));
    expect([notLast.code, notLast.httpStatus]).toEqual(["validation", 403]);
    expect(notLast.variant).toBe("not_last_in_series");
    expect((await h.sb.invoices.delete(h.creds, last)).message).toMatch(/stearsa cu succes/);
    await h.mark();
    await h.admin.addFault({ account: h.creds.username, kind: "drop_after_store", path: "/invoice", method: "DELETE" });
    expect((await failure(h.sb.invoices.delete(h.creds, older))).code).toBe("ambiguous");
    expect(await h.calls()).toHaveLength(1);
  });

  it("reverses an invoice into the same series, once", async () => {
    const ref = await issue();
    const storno = await h.sb.invoices.reverse(h.creds, ref);
    expect(storno.series).toBe("BRS");
    expect(Number(storno.number)).toBe(Number(ref.number) + 1);
    expect((await failure(h.sb.invoices.reverse(h.creds, ref))).originalText).toBe("Factura este deja stornata.");
  });
});

describe("payments and e-mail", () => {
  it("records a bank payment against an invoice and sees it in the status", async () => {
    const ref = await issue();
    const paid = await h.sb.payments.create(h.creds, { type: "Ordin plata", useInvoiceDetails: true, invoicesList: [ref] });
    expect(paid.number).toBeUndefined();
    expect((await h.sb.invoices.paymentStatus(h.creds, ref)).paid).toBe(true);
    const twice = await failure(h.sb.payments.create(h.creds, { type: "Ordin plata", useInvoiceDetails: true, invoicesList: [ref] }));
    expect(twice.originalText).toBe("Factura este incasata sau stornata in totalitate.");
  });

  it("issues a numbered receipt (Chitanta) for part of an invoice", async () => {
    const ref = await issue();
    const receipt = await h.sb.payments.create(h.creds, {
      type: "Chitanta",
      seriesName: "CH",
      value: 50,
      isCash: true,
      client: invoice.client,
      invoicesList: [ref],
    });
    expect(receipt).toMatchObject({ series: "CH", number: expect.stringMatching(/^\d+$/) });
    expect((await h.sb.invoices.paymentStatus(h.creds, ref)).unpaidAmount).toBe(71);
  });

  it("e-mails an invoice with Base64 subject and body; SmartBill's errors keep their codes", async () => {
    const ref = await issue();
    const sent = await h.sb.documents.send(h.creds, { ...ref, type: "factura", subject: "Factura școlii", bodyText: "Bună ziua" });
    expect(sent.message).toMatch(/trimis cu succes/);
    const [mail] = (await h.admin.listEmails({ cif: SCHOOL_CIF })).slice(-1);
    expect(mail).toMatchObject({ subject: "Factura școlii", body: "Bună ziua" });
    const missing = await failure(h.sb.documents.send(h.creds, { seriesName: "BRS", number: "99999", type: "factura" }));
    expect(missing.code).toBe("not_found");
    await h.admin.upsertCompany({ account: h.creds.username, cif: SCHOOL_CIF, smtpConfigured: false });
    const smtp = await failure(h.sb.documents.send(h.creds, { ...ref, type: "factura" }));
    expect([smtp.code, smtp.originalText]).toEqual(["validation", "Server-ul de email nu a fost configurat."]);
    await h.admin.upsertCompany({ account: h.creds.username, cif: SCHOOL_CIF, smtpConfigured: true });
  });
});
