// Creating invoices against the sandbox: numbering, drafts, definite rejections, and the outcomes where
// SmartBill may have issued the invoice without telling us (ambiguous), which must never be re-sent.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { smartbillRateState } from "../../db/schema";
import { SCHOOL_CIF, startSandbox, type Sandbox } from "@/test/sandbox";
import { expectSmartBillError as failure } from "@/test/expect";
import type { InvoiceInput } from "./types";
import { en } from "@/messages";

let h: Sandbox;
beforeAll(async () => {
  h = await startSandbox();
});
afterAll(() => h.close());
beforeEach(async () => {
  await h.admin.clearFaults({ account: h.creds.username });
  await h.mark();
});

const invoice = (o: Partial<InvoiceInput> = {}): InvoiceInput => ({
  seriesName: "BRS",
  client: { name: "Ion Popescu", vatCode: "0000000000000", country: "Romania", email: "ion@example.com" },
  products: [{ name: "Taxa scolara iunie", quantity: 1, price: 100, measuringUnitName: "buc", taxName: "Normala", taxPercentage: 21 }],
  ...o,
});
const nextNumber = async (name = "BRS") => (await h.sb.series.list(h.creds, { type: "f" })).find((s) => s.name === name)!.nextNumber;
const stored = async () => (await h.admin.listInvoices({ cif: SCHOOL_CIF, seriesName: "BRS" })).length;

describe("invoices.create", () => {
  it("issues numbered invoices as zero-padded strings with their links", async () => {
    const first = await h.sb.invoices.create(h.creds, invoice());
    expect(first).toMatchObject({ series: "BRS", number: "0001", isDraft: false });
    expect(first.documentId).toEqual(expect.any(Number));
    expect(first.documentUrl).toMatch(/^http/);
    expect(first.documentViewUrl).toMatch(/^http/);
    expect(first.paymentUrl).toBeUndefined();
    expect((await h.sb.invoices.create(h.creds, invoice())).number).toBe("0002");
    expect(await nextNumber()).toBe(3);
  });

  it("a draft takes no number", async () => {
    const before = await nextNumber();
    const draft = await h.sb.invoices.create(h.creds, invoice({ isDraft: true }));
    expect(draft).toMatchObject({ number: "", isDraft: true, series: "BRS" });
    expect(await nextNumber()).toBe(before);
  });

  it("maps SmartBill's rejections to their codes, each sent exactly once", async () => {
    expect((await failure(h.sb.invoices.create(h.creds, invoice({ seriesName: "NOPE" })))).code).toBe("series_not_found");
    const vat = await failure(h.sb.invoices.create(h.creds, invoice({ products: [{ ...invoice().products[0]!, taxPercentage: 19, taxName: "Normala" }] as InvoiceInput["products"] })));
    expect(vat.code).toBe("vat_level_not_found");
    await h.admin.setQuota({ cif: SCHOOL_CIF, remaining: 0 });
    expect((await failure(h.sb.invoices.create(h.creds, invoice()))).code).toBe("package_exhausted");
    await h.admin.setQuota({ cif: SCHOOL_CIF, remaining: 1000 });
    await h.admin.addFault({ account: h.creds.username, kind: "error_text_200", path: "/invoice/v2", errorText: "Clientul exista deja pe server" });
    expect((await failure(h.sb.invoices.create(h.creds, invoice()))).code).toBe("buyer_invalid");
    expect((await h.calls()).filter((c) => c.path === "/invoice/v2")).toHaveLength(4);
  });

  it("a request-shape error names the field SmartBill could not map", async () => {
    const body = { status: 400, type: "invalid_request_error", errors: [{ code: "json_mapping_error", message: "Could not map property: products[0].quantity.", param: "products[0].quantity" }] };
    await h.admin.addFault({ account: h.creds.username, kind: "status", status: 400, path: "/invoice/v2", body });
    const e = await failure(h.sb.invoices.create(h.creds, invoice()));
    expect([e.code, e.field, e.retryable]).toEqual(["validation", "products[0].quantity", false]);
  });

  it("refuses to send fields SmartBill does not know, or a client it would reject", async () => {
    const extra = { ...invoice(), ecommercePluginInfo: {} } as unknown as InvoiceInput;
    expect((await failure(h.sb.invoices.create(h.creds, extra))).field).toBe("ecommercePluginInfo");
    const price = await failure(h.sb.invoices.create(h.creds, invoice({ products: [{ ...invoice().products[0]!, price: "100" }] as never })));
    expect([price.code, price.field]).toEqual(["validation", "products[0].price"]);
    const noCountry = await failure(h.sb.invoices.create(h.creds, invoice({ client: { name: "Ion", country: "" } })));
    expect([noCountry.code, noCountry.field]).toEqual(["buyer_invalid", "client.country"]);
    expect(await h.calls()).toHaveLength(0);
  });
});

describe("outcomes that may have issued an invoice are ambiguous and never re-sent", () => {
  it("read timeout after SmartBill stored the invoice", async () => {
    const [before, next] = [await stored(), await nextNumber()];
    await h.mark();
    await h.admin.addFault({ account: h.creds.username, kind: "timeout_after_store", path: "/invoice/v2", ms: 3_000 });
    const e = await failure(h.client({ createTimeoutMs: 400 }).invoices.create(h.creds, invoice()));
    expect([e.code, e.retryable, e.networkCode]).toEqual(["ambiguous", false, "ETIMEDOUT"]);
    expect(en.smartbill.errors[e.code]).toMatch(/Do not send it again/);
    expect((await h.calls()).filter((c) => c.path === "/invoice/v2")).toHaveLength(1);
    // It was issued: exactly what a blind retry would have duplicated. series.nextNumber shows it.
    expect(await stored()).toBe(before + 1);
    expect(await nextNumber()).toBe(next + 1);
  });

  it("connection dropped after SmartBill stored the invoice", async () => {
    const before = await stored();
    await h.admin.addFault({ account: h.creds.username, kind: "drop_after_store", path: "/invoice/v2" });
    const e = await failure(h.sb.invoices.create(h.creds, invoice()));
    expect(e.code).toBe("ambiguous");
    expect((await h.calls()).filter((c) => c.path === "/invoice/v2")).toHaveLength(1);
    expect(await stored()).toBe(before + 1);
  });

  it("a 5xx HTML page on a create", async () => {
    await h.admin.addFault({ account: h.creds.username, kind: "html_500", path: "/invoice/v2" });
    const e = await failure(h.sb.invoices.create(h.creds, invoice()));
    expect([e.code, e.httpStatus]).toEqual(["ambiguous", 500]);
    expect((await h.calls()).filter((c) => c.path === "/invoice/v2")).toHaveLength(1);
  });

  it("unavailable (safe to retry) when the connection was refused: nothing was sent", async () => {
    const e = await failure(h.sb.invoices.create({ ...h.creds, baseUrl: "http://127.0.0.1:9/SBORO/api" }, invoice()));
    expect([e.code, e.retryable]).toEqual(["unavailable", true]);
  });

  it("a 429 on a create is not re-sent even when the caller would wait", async () => {
    await h.admin.setRateLimit({ account: h.creds.username, limit: 100_000, windowMs: 1_000 });
    await h.admin.addFault({ account: h.creds.username, kind: "status", status: 429, path: "/invoice/v2", body: { errorText: "Limita" } });
    const e = await failure(h.client({ rateLimit: { blockMs: 300 } }).invoices.create(h.creds, invoice(), { maxWaitMs: 10_000 }));
    expect([e.code, e.httpStatus, e.retryable]).toEqual(["rate_limited", 429, true]);
    expect((await h.calls()).filter((c) => c.path === "/invoice/v2")).toHaveLength(1);
    await h.db.db.delete(smartbillRateState);
  });
});
