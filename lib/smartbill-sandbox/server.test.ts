import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashToken } from "./util";
import { DEMO_SMARTBILL } from "./demo";
import { invoiceBody, SCHOOL, startTestSandbox, type TestSandbox } from "./test-support";

describe("standalone server: first slice", () => {
  let s: TestSandbox;
  beforeAll(async () => {
    s = await startTestSandbox();
  });
  afterAll(() => s.close());

  it("lists series and taxes for the demo company", async () => {
    const series = await s.call("GET", `/series?cif=${SCHOOL}`);
    expect(series.status).toBe(200);
    const body = (await series.json()) as { errorText: string; list: unknown[] };
    expect(body.errorText).toBe("");
    expect(body.list).toContainEqual({ name: "BRS", nextNumber: 1, type: "f" });
    const tax = await s.call("GET", `/tax?cif=${SCHOOL}`);
    expect(((await tax.json()) as { taxes: unknown[] }).taxes).toContainEqual({ name: "Normala", percentage: 21 });
    expect(tax.headers.get("x-ratelimit-limit")).toBe("30");
  });

  it("issues an invoice and logs the call", async () => {
    const res = await s.call("POST", "/invoice/v2", { json: invoiceBody() });
    const body = (await res.json()) as Record<string, unknown>;
    expect(res.status).toBe(200);
    expect(body).toMatchObject({ errorText: "", number: "0001", series: "BRS", url: "" });
    const log = await s.admin.readCallLog({ tokenHash: hashToken(DEMO_SMARTBILL.token) });
    expect(log.at(-1)).toMatchObject({ method: "POST", path: "/invoice/v2", status: 200 });
  });
});
