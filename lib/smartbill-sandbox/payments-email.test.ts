import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { invoiceBody, SCHOOL_CIF as SCHOOL, startSandbox, type Sandbox } from "@/test/sandbox";

type Body = Record<string, unknown>;
const b64 = (s: string) => Buffer.from(s, "utf8").toString("base64");

describe("POST /payment and POST /document/send", () => {
  let s: Sandbox;
  const issue = async (overrides: Body = {}) =>
    ((await (await s.call("POST", "/invoice/v2", { json: invoiceBody(overrides) })).json()) as { number: string }).number;
  const send = async (path: string, json: Body) => {
    const res = await s.call("POST", path, { json: { companyVatCode: SCHOOL, ...json } });
    return { status: res.status, body: (await res.json()) as Body };
  };
  const status = async (number: string) =>
    (await (await s.call("GET", `/invoice/paymentstatus?cif=${SCHOOL}&seriesname=BRS&number=${number}`)).json()) as Body;

  beforeAll(async () => {
    s = await startSandbox();
    await s.admin.setRateLimit({ account: "demo@sandbox.smartbill.test", limit: 10_000 });
  });
  afterAll(() => s.close());

  it("records a bank payment from the invoice's details, partial when a value is given", async () => {
    const number = await issue();
    const ref = { invoicesList: [{ seriesName: "BRS", number }] };
    const partial = await send("/payment", { type: "ordin plata", useInvoiceDetails: true, value: 21, ...ref });
    expect(partial).toEqual({ status: 200, body: { errorText: "", message: "", number: "", series: "", url: "" } });
    expect(await status(number)).toMatchObject({ paidAmount: 21, unpaidAmount: 100, paid: false });
    await send("/payment", { type: "Ordin plata", useInvoiceDetails: true, ...ref });
    expect(await status(number)).toMatchObject({ paidAmount: 121, paid: true });
    const again = await send("/payment", { type: "Card", useInvoiceDetails: true, ...ref });
    expect(again).toEqual({ status: 400, body: expect.objectContaining({ errorText: "Factura este incasata sau stornata in totalitate." }) });
  });

  it("issues a numbered receipt for Chitanta and accepts a single invoice object", async () => {
    const number = await issue();
    const res = await send("/payment", {
      type: "Chitanta",
      seriesName: "CH",
      value: 121,
      isCash: true,
      client: { name: "Ion Popescu", vatCode: "0000000000000", country: "Romania" },
      invoicesList: { seriesName: "BRS", number },
    });
    expect(res.body).toMatchObject({ errorText: "", number: "0001", series: "CH" });
    expect((await send("/payment", { type: "Chitanta", seriesName: "XX", value: 1, client: { name: "A", country: "RO" } })).body.errorText).toBe(
      "Seria nu a fost gasita! Folositi o serie creata in contul de cloud.",
    );
  });

  it("refuses cancelled invoices, mismatched client CIFs, missing data and unknown types", async () => {
    const number = await issue();
    await s.call("PUT", `/invoice/cancel?cif=${SCHOOL}&seriesname=BRS&number=${number}`);
    const ref = { invoicesList: [{ seriesName: "BRS", number }] };
    expect((await send("/payment", { type: "Card", useInvoiceDetails: true, ...ref })).body.errorText).toBe(
      `Factura BRS${number} este anulata, nu o puteti incasa. Restaurati intai factura sau emiteti incasarea independent de factura.`,
    );
    const other = await issue();
    const mismatch = await send("/payment", {
      type: "Card",
      value: 10,
      client: { name: "X", vatCode: "RO1", country: "RO" },
      invoicesList: [{ seriesName: "BRS", number: other }],
    });
    expect(mismatch.body.errorText).toBe(`Ciful clientului de pe factura BRS${other} difera de ciful clientului incasarii!`);
    expect((await send("/payment", { type: "Card", value: 1 })).body.errorText).toBe(
      "Datele clientului trebuie specificate. Ele se preiau din factura doar in cazul in care usePaymentDetails = true.",
    );
    expect((await send("/payment", { type: "Card", client: { name: "A", country: "RO" } })).body.errorText).toBe("Valoarea incasarii trebuie specificata.");
    expect((await send("/payment", { value: 1 })).body.errorText).toBe("Tipul incasarii trebuie specificat.");
    const spaced = await send("/payment", { type: "Ordin  plata", value: 1, client: { name: "A", country: "RO" } });
    expect(spaced).toEqual({ status: 404, body: expect.objectContaining({ errorText: "Tipul documentului nu a fost gasit pe server!" }) });
    expect((await send("/payment", { type: "Card", useInvoiceDetails: true, invoicesList: [{ seriesName: "BRS", number: "9999" }] })).body.errorText).toBe(
      "Factura nu a fost gasita!",
    );
    const unknownField = await send("/payment", { type: "Card", observations: "x" });
    expect(unknownField.body.errors).toMatchObject([{ param: "observations" }]);
  });

  it("e-mails a document, answering in the status{code,message} shape", async () => {
    const number = await issue();
    const doc = { seriesName: "BRS", number, type: "factura" };
    const noSmtp = await send("/document/send", doc);
    expect(noSmtp).toEqual({ status: 400, body: { status: { code: 1, message: "Server-ul de email nu a fost configurat." } } });
    await s.admin.upsertCompany({ account: "demo@sandbox.smartbill.test", cif: SCHOOL, smtpConfigured: true });
    const ok = await send("/document/send", { ...doc, to: "parent@example.com", subject: b64("Factura ta"), bodyText: b64("Bună ziua") });
    expect(ok).toEqual({ status: 200, body: { status: { code: 0, message: "Documentul a fost trimis cu succes." } } });
    const emails = await s.admin.listEmails({ cif: SCHOOL });
    expect(emails.at(-1)).toMatchObject({ subject: "Factura ta", body: "Bună ziua", recipients: { to: ["parent@example.com"] } });

    const cases: [Body, string][] = [
      [{ type: "invoice" }, "Valoarea campului 'type' nu este suportata (invoice). Valorile acceptate sunt: factura, proforma."],
      [{ type: "" }, "type  trebuie specificat. Valorile acceptate sunt: factura, proforma."],
      [{ subject: "not base64!" }, "Subiectul emailului trebuie sa fie codat folosind Base64."],
      [{ bodyText: "Hello" }, "Continutul emailului trebuie sa fie codat folosind Base64."],
      [{ number: "9999" }, "Documentul nu a fost gasit"],
      [{ type: "proforma" }, "Documentul nu a fost gasit"],
      [{ to: "not-an-address" }, "Invalid Addresses"],
      [{ number: "" }, "Numarul documentului  trebuie specificat"],
    ];
    for (const [over, message] of cases) {
      expect((await send("/document/send", { ...doc, ...over })).body).toEqual({ status: { code: 1, message } });
    }
  });
});
