import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { invoiceBody, SCHOOL_CIF as SCHOOL, CLUB_CIF as CLUB, startSandbox, type Sandbox } from "@/test/sandbox";

type Body = Record<string, unknown>;

describe("POST /invoice/v2", () => {
  let s: Sandbox;
  const post = async (body: unknown, init: { headers?: Record<string, string>; path?: string } = {}) => {
    const res = await s.call("POST", init.path ?? "/invoice/v2", { json: body, headers: init.headers });
    return { status: res.status, body: (await res.json()) as Body };
  };
  const errorOf = async (overrides: Body) => (await post(invoiceBody(overrides))).body.errorText;

  beforeAll(async () => {
    s = await startSandbox();
    await s.admin.setRateLimit({ account: "demo@sandbox.smartbill.test", limit: 10_000 });
  });
  afterAll(() => s.close());

  it("issues numbered invoices with the series' padding and links that resolve", async () => {
    const first = await post(invoiceBody());
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ errorText: "", message: "", number: "0001", series: "BRS", url: "" });
    expect(typeof first.body.documentId).toBe("number");
    const view = await fetch(first.body.documentViewUrl as string);
    expect(view.headers.get("content-type")).toBe("application/pdf");
    expect(Buffer.from(await view.arrayBuffer()).subarray(0, 5).toString()).toBe("%PDF-");
    expect((await fetch(first.body.documentUrl as string)).status).toBe(401);
    expect((await post(invoiceBody({ seriesName: "BRSC" }))).body.number).toBe("0120");
    expect((await post(invoiceBody())).body.number).toBe("0002");
  });

  it("allocates 20 concurrent creates 20 distinct consecutive numbers", async () => {
    await s.admin.upsertSeries({ cif: SCHOOL, name: "PAR", type: "f", nextNumber: 1, padWidth: 3 });
    const results = await Promise.all(Array.from({ length: 20 }, () => post(invoiceBody({ seriesName: "PAR" }))));
    const numbers = results.map((r) => r.body.number as string).sort();
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => String(i + 1).padStart(3, "0")));
  });

  it("stores a draft without a number", async () => {
    const { body } = await post(invoiceBody({ isDraft: true }));
    expect(body).toMatchObject({ errorText: "", number: "", series: "BRS" });
    const list = await s.admin.listInvoices({ cif: SCHOOL, seriesName: "BRS" });
    expect(list.filter((i) => i.isDraft)).toHaveLength(1);
    expect((await post(invoiceBody())).body.number).toBe("0003");
  });

  it("refuses a body that is not application/json with 415, after authentication", async () => {
    const res = await s.call("POST", "/invoice/v2", { body: JSON.stringify(invoiceBody()), headers: { "content-type": "text/plain" } });
    expect(res.status).toBe(415);
    const anonymous = await s.call("POST", "/invoice/v2", { body: "x", headers: { "content-type": "text/plain" }, auth: null });
    expect(anonymous.status).toBe(401);
    expect(await res.json()).toMatchObject({ status: 415, type: "invalid_request_error" });
  });

  it("reports JSON syntax, unknown fields and wrong types as request-shape errors", async () => {
    const bad = await s.call("POST", "/invoice/v2", { body: "{nope", headers: { "content-type": "application/json" } });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ errors: [{ code: "json_parse_error", message: "Error parsing JSON request input." }] });

    const unknown = await s.call("POST", "/invoice/v2", {
      json: invoiceBody({ products: [{ name: "x", zzz: 1 }] }),
    });
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toEqual({
      status: 400,
      type: "invalid_request_error",
      instance: "/SBORO/api/invoice/v2",
      errors: [
        {
          code: "json_mapping_error",
          message: "Unrecognized property: products[0].zzz.",
          docUrl: "https://api.smartbill.ro/#v3-error-invalid_request_error",
          param: "products[0].zzz",
        },
      ],
    });
    const typed = await post(invoiceBody({ products: [{ name: "x", quantity: "lots" }] }));
    expect(typed.status).toBe(400);
    expect(typed.body.errors).toMatchObject([{ code: "json_mapping_error", message: "Could not map property: products[0].quantity.", param: "products[0].quantity" }]);
    const accepted = await post(invoiceBody({ ecommercePluginInfo: { platformName: "WooCommerce", details: { x: 1 } } }));
    expect(accepted.status).toBe(200);
  });

  it("answers unknown fields with a Tomcat 500 page for companies switched to that variant", async () => {
    await s.admin.upsertCompany({ account: "demo@sandbox.smartbill.test", cif: CLUB, unknownFieldMode: "html500" });
    const res = await s.call("POST", "/invoice/v2", { json: invoiceBody({ companyVatCode: CLUB, Price: 1 }) });
    expect(res.status).toBe(500);
    expect(await res.text()).toContain("<h1>HTTP Status 500");
    await s.admin.upsertCompany({ account: "demo@sandbox.smartbill.test", cif: CLUB, unknownFieldMode: "json" });
  });

  it("validates business rules in SmartBill's order with its exact texts", async () => {
    expect(await errorOf({ seriesName: "NOPE", client: { name: "" } })).toBe("Seria nu a fost gasita! Folositi o serie creata in contul de cloud.");
    expect(await errorOf({ issueDate: "15.06.2026" })).toBe("Data documentului trebuie sa fie de forma yyyy-MM-dd.");
    expect(await errorOf({ currency: "XYZ" })).toBe("Moneda nu a fost gasita pe server!");
    expect(await errorOf({ client: { name: "A" } })).toBe("tara trebuie specificata");
    expect(await errorOf({ client: { name: " ", country: "RO" } })).toBe("Client invalid!");
    expect(await errorOf({ products: [] })).toBe("invoiceProducts trebuie specificat si trebuie sa contina cel putin un element");
    expect(await errorOf({ products: [{ name: "A", quantity: 1, price: 1, taxPercentage: 21 }] })).toBe(
      "measuringUnitName trebuie specificat pentru fiecare produs",
    );
    const line = { name: "Carte", quantity: 1, price: 10, measuringUnitName: "buc" };
    expect(await errorOf({ products: [{ ...line, taxName: "Normala", taxPercentage: 19 }] })).toBe(
      "Cota tva a produsului Carte nu a fost gasita pe server!",
    );
    expect(await errorOf({ products: [line] })).toBe("Trebuie sa setezi o cota tva pentru produsul Carte");
    expect(await errorOf({ products: [{ ...line, isDiscount: true, discountValue: -1, taxPercentage: 21 }] })).toBe(
      "Nu poti sa emiti un document care contine doar un discount. Trebuie sa ai si produse / servicii adaugate.",
    );
    expect(await errorOf({ sendEmail: true, client: { name: "A", country: "RO" } })).toBe("Trebuie specificata adresa de email a clientului.");
    expect(await errorOf({ sendEmail: true })).toBe("Server-ul de email nu a fost configurat.");
    expect(await errorOf({ payment: { value: 1, type: "Crypto" } })).toBe("Tipul documentului nu a fost gasit pe server!");
    expect(await errorOf({ payment: { value: 1 } })).toBe("type trebuie specificat pentru incasare");
    expect(await errorOf({ useStock: true })).toBe("Modulul stoc nu este activ!");
    expect(await errorOf({ companyVatCode: CLUB, seriesName: "CLB", usePaymentTax: true })).toBe(
      "O firma neplatitoare de tva nu poate folosi tva la incasare!",
    );
    const mixed = [
      { ...line, taxName: "Normala", taxPercentage: 21 },
      { ...line, taxName: "Redusa", taxPercentage: 11 },
      { name: "Reducere", isDiscount: true, numberOfItems: 2, discountType: 2, discountPercentage: 10 },
    ];
    expect(await errorOf({ products: mixed })).toBe(
      "La aplicarea unui discount pentru produse cu cote tva diferite, trebuie sa specifici si cota tva a discountului.",
    );
    const { status, body } = await post(invoiceBody({ seriesName: "NOPE" }));
    expect(status).toBe(400);
    expect(body).toEqual({
      errorText: "Seria nu a fost gasita! Folositi o serie creata in contul de cloud.",
      message: "",
      number: "",
      series: "",
      url: "",
      documentUrl: "",
      documentId: -1,
      documentViewUrl: "",
    });
  });

  it("requires product codes when the company uses them", async () => {
    await s.admin.upsertCompany({ account: "demo@sandbox.smartbill.test", cif: SCHOOL, useProductCode: true });
    expect(await errorOf({})).toBe("Produsul Taxa scolara iunie nu are codul specificat.");
    await s.admin.upsertCompany({ account: "demo@sandbox.smartbill.test", cif: SCHOOL, useProductCode: false });
  });

  it("defaults 0% without a tax name to Taxare inversa and computes totals in bani", async () => {
    const line = { name: "Curs", quantity: 3, price: 33.33, measuringUnitName: "ora", taxPercentage: 0 };
    const { body } = await post(invoiceBody({ products: [line, { ...line, taxName: "Redusa", taxPercentage: 11, isTaxIncluded: true }] }));
    const [inv] = (await s.admin.listInvoices({ cif: SCHOOL })).filter((i) => i.number === body.number && i.seriesName === "BRS");
    expect(inv!.lines.map((l) => l.taxName)).toEqual(["Taxare inversa", "Redusa"]);
    // 99.99 at 0% + 99.99 gross at 11% (net 90.08, VAT 9.91)
    expect([inv!.totalNet, inv!.totalVat, inv!.total]).toEqual([19007, 991, 19998]);
  });

  it("applies discount lines over the lines before them, prices without VAT by default", async () => {
    const product = { name: "Tabara", quantity: 1, price: 100, measuringUnitName: "buc", taxName: "Normala", taxPercentage: 21 };
    const discount = { name: "Frati", measuringUnitName: "buc", isDiscount: true, taxName: "Normala", taxPercentage: 21 };
    const totals = async (d: Record<string, unknown>) => {
      const { body } = await post(invoiceBody({ products: [product, { ...discount, ...d }] }));
      const inv = (await s.admin.listInvoices({ cif: SCHOOL })).find((i) => i.number === body.number && i.seriesName === "BRS");
      return inv!.total;
    };
    expect(await totals({ numberOfItems: 1, discountType: 1, discountValue: -10 })).toBe(10890);
    expect(await totals({ numberOfItems: 1, discountType: 1, discountValue: 10 })).toBe(13310);
    expect(await totals({ numberOfItems: 1, discountPercentage: 10 })).toBe(10890);
    expect(await totals({ discountType: 1, discountValue: -10 })).toBe(12100);
  });

  it("refuses more than 400 lines with 410", async () => {
    const line = { name: "x", quantity: 1, price: 1, measuringUnitName: "buc", taxPercentage: 21 };
    const { status, body } = await post(invoiceBody({ products: Array.from({ length: 401 }, () => line) }));
    expect(status).toBe(410);
    expect(body.errorText).toBe("Numarul maxim acceptat de 400 intrari pe document a fost depasit.");
  });

  it("stops at the plan's document quota", async () => {
    await s.admin.setQuota({ cif: SCHOOL, remaining: 1 });
    expect((await post(invoiceBody())).status).toBe(200);
    const { status, body } = await post(invoiceBody());
    expect(status).toBe(400);
    expect(body.errorText).toBe("Pentru acest pachet s-a emis numarul maxim de documente permis");
    expect((await post(invoiceBody({ isDraft: true }))).status).toBe(200);
    await s.admin.setQuota({ cif: SCHOOL, remaining: 1000 });
  });

  it("returns a payment link only when asked for one", async () => {
    const generated = await post(invoiceBody({ paymentUrl: "Generate URL" }));
    expect(generated.body.url).toMatch(/\/SBORO\/plata\//);
    expect((await fetch(generated.body.url as string)).status).toBe(200);
    expect((await post(invoiceBody({ paymentUrl: "https://pay.example/x" }))).body.url).toBe("https://pay.example/x");
  });

  it("answers an explicit null companyVatCode with a mapping error (SmartBill: a 500)", async () => {
    const { status, body } = await post(invoiceBody({ companyVatCode: null }));
    expect(status).toBe(400);
    expect(body).toMatchObject({ errors: [{ code: "json_mapping_error", param: "companyVatCode" }] });
  });

  it("keeps the legacy POST /invoice with the short response, behind a company switch", async () => {
    const { body } = await post(invoiceBody(), { path: "/invoice" });
    expect(Object.keys(body).sort()).toEqual(["errorText", "message", "number", "series", "url"]);
    await s.admin.upsertCompany({ account: "demo@sandbox.smartbill.test", cif: SCHOOL, legacyInvoicePost: false });
    const res = await s.call("POST", "/invoice", { json: invoiceBody() });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("DELETE");
  });
});
