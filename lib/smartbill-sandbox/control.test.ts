import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_SMARTBILL } from "./demo";
import { createSandboxHandler } from "./handler";
import { SANDBOX_CONTROL_KEY as CONTROL_KEY, invoiceBody, SCHOOL_CIF as SCHOOL, startSandbox, type Sandbox } from "@/test/sandbox";

type Json = Record<string, unknown>;

describe("control API and changes made in the SmartBill UI", () => {
  let s: Sandbox;
  const control = async (op: string, body: unknown = {}, key: string | null = CONTROL_KEY, method = "POST") => {
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (key !== null) headers["x-sandbox-control-key"] = key;
    const res = await fetch(`${s.server.origin}/__control/${op}`, { method, headers, body: method === "GET" ? undefined : JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as Json };
  };
  const issue = async (overrides: Json = {}) => {
    const res = await s.call("POST", "/invoice/v2", { json: invoiceBody(overrides) });
    return (await res.json()) as Json;
  };

  beforeAll(async () => {
    s = await startSandbox();
  });
  afterAll(() => s.close());

  it("requires the control key, and is absent when none is configured", async () => {
    expect((await control("list-invoices", {}, null)).status).toBe(401);
    expect((await control("list-invoices", {}, "wrong")).status).toBe(401);
    expect((await control("nope")).status).toBe(404);
    expect((await control("list-invoices", {}, CONTROL_KEY, "GET")).status).toBe(405);
    expect((await control("upsert-series", { cif: SCHOOL, name: "X", type: "z" })).status).toBe(400);
    expect((await control("set-quota", { cif: "RO0", remaining: 1 })).status).toBe(404);
    const keyless = createSandboxHandler({ sql: s.db.sql });
    const res = await keyless(new Request("http://sandbox.test/__control/reset", { method: "POST", headers: { "x-sandbox-control-key": "anything" } }));
    expect(res.status).toBe(404);
  });

  it("configures accounts, companies, series and rate limits over HTTP", async () => {
    expect((await control("reset", { seedDemo: true })).status).toBe(200);
    expect((await control("upsert-account", { email: "api@firma.test", token: "tok-1", rateLimit: { limit: 3 } })).body).toMatchObject({
      ok: true,
      result: { email: "api@firma.test", apiAccess: true, rateLimit: { limit: 3, windowMs: 10_000, blockMs: 600_000, mode: "fixed" } },
    });
    await control("upsert-company", { account: "api@firma.test", cif: "RO55", name: "Firma SRL", vatPayer: true });
    await control("set-taxes", { cif: "RO55", taxes: [{ name: "Normala", percentage: 21 }] });
    await control("upsert-series", { cif: "RO55", name: "F", type: "f", nextNumber: 7, padWidth: 6 });
    const auth = `Basic ${Buffer.from("api@firma.test:tok-1").toString("base64")}`;
    const res = await s.call("POST", "/invoice/v2", { auth, json: invoiceBody({ companyVatCode: "RO55", seriesName: "F" }) });
    expect(await res.json()).toMatchObject({ number: "000007", series: "F" });
    expect(res.headers.get("x-ratelimit-limit")).toBe("3");
  });

  it("simulates changes made in the UI: cancel, delete, pay, VAT levels, numbering, quota", async () => {
    const a = (await issue()).number as string;
    const b = (await issue()).number as string;
    const ref = { cif: SCHOOL, seriesName: "BRS" };
    expect((await control("cancel-invoice", { ...ref, number: a })).body).toEqual({ ok: true, result: { changed: true } });
    const pay = await s.call("POST", "/payment", {
      json: { companyVatCode: SCHOOL, type: "Card", useInvoiceDetails: true, invoicesList: [{ seriesName: "BRS", number: a }] },
    });
    expect(((await pay.json()) as Json).errorText).toContain("este anulata");
    await control("mark-paid", { ...ref, number: b });
    const status = await s.call("GET", `/invoice/paymentstatus?cif=${SCHOOL}&seriesname=BRS&number=${b}`);
    expect(await status.json()).toMatchObject({ paid: true });
    await control("delete-invoice", { ...ref, number: a }); // not the last one: only the UI may do that
    const gone = await s.call("GET", `/invoice/paymentstatus?cif=${SCHOOL}&seriesname=BRS&number=${a}`);
    expect(((await gone.json()) as Json).errorText).toBe("Factura nu a fost gasita");

    await control("set-taxes", { cif: SCHOOL, taxes: [{ name: "Normala", percentage: 19 }] });
    expect((await issue()).errorText).toBe("Cota tva a produsului Taxa scolara iunie nu a fost gasita pe server!");
    const taxes = await (await s.call("GET", `/tax?cif=${SCHOOL}`)).json();
    expect(taxes).toMatchObject({ taxes: [{ name: "Normala", percentage: 19 }] });
    await control("set-taxes", { cif: SCHOOL, taxes: DEMO_SMARTBILL.company.taxes });

    await control("set-next-number", { ...ref, nextNumber: 500 });
    expect((await issue()).number).toBe("0500");
    await control("set-quota", { cif: SCHOOL, remaining: 0 });
    expect((await issue()).errorText).toBe("Pentru acest pachet s-a emis numarul maxim de documente permis");

    const list = await control("list-invoices", { cif: SCHOOL });
    const rows = list.body.result as { number: string; state: string; paid: number; total: number }[];
    expect(rows.map((r) => r.number)).toEqual([b, "0500"]);
    expect(rows[0]).toMatchObject({ paid: 12100, total: 12100, state: "active" });
    const log = await control("call-log", { account: DEMO_SMARTBILL.email });
    expect((log.body.result as { path: string }[]).some((e) => e.path === "/invoice/paymentstatus")).toBe(true);
  });

  it("re-seeds the demo without touching what exists", async () => {
    await control("set-quota", { cif: SCHOOL, remaining: 5 });
    await control("seed-demo");
    const series = (await (await s.call("GET", `/series?cif=${SCHOOL}&type=f`)).json()) as { list: { name: string; nextNumber: number }[] };
    expect(series.list.find((x) => x.name === "BRS")!.nextNumber).toBe(501);
    const rows = (await control("list-invoices", { cif: SCHOOL })).body.result as unknown[];
    expect(rows).toHaveLength(2);
  });
});
