// The sandbox is reachable by anyone who can reach Bursar: a size limit, authentication before the body is
// read, nothing stored for unauthenticated calls, a 4xx (never a 5xx) for malformed input, no tokens kept.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { basicHeader } from "./auth";
import { MAX_BODY_BYTES } from "./body";
import { DEMO_SMARTBILL } from "./demo";
import { createSandboxHandler } from "./handler";
import { invoiceBody, SCHOOL_CIF as SCHOOL, startSandbox, type Sandbox } from "@/test/sandbox";

const TABLES = ["accounts", "companies", "series", "taxes", "invoices", "payments", "emails", "rate_limits", "rate_limit_hits", "faults", "call_log"];

describe("the sandbox's public surface", () => {
  let s: Sandbox;
  beforeAll(async () => {
    s = await startSandbox();
  });
  afterAll(() => s.close());

  /** Every sandbox table, in full: equal snapshots mean nothing was written. */
  async function snapshot() {
    const out: Record<string, unknown> = {};
    for (const t of TABLES) out[t] = await s.db.sql.unsafe(`select * from smartbill_sandbox.${t} order by 1`);
    return JSON.stringify(out);
  }

  it("writes nothing for unauthenticated calls, whatever they send", async () => {
    const before = await snapshot();
    const anonymous = [null, basicHeader(DEMO_SMARTBILL.email, "wrong-token"), "Basic !!!", "Bearer x", basicHeader("x\u0000", "y")];
    for (const auth of anonymous) {
      for (let i = 0; i < 3; i++) {
        expect((await s.call("GET", `/series?cif=${SCHOOL}`, { auth })).status).toBe(401);
        expect((await s.call("POST", "/invoice/v2", { auth, json: invoiceBody() })).status).toBe(401);
        expect((await s.call("POST", "/invoice/v2", { auth, body: "{nope", headers: { "content-type": "application/json" } })).status).toBe(401);
        expect((await s.call("POST", "/payment", { auth, body: "null", headers: { "content-type": "application/json" } })).status).toBe(401);
      }
    }
    expect(await snapshot()).toBe(before);
  });

  it("refuses an oversized body with 413, announced or streamed", async () => {
    const big = JSON.stringify(invoiceBody({ observations: "x".repeat(MAX_BODY_BYTES) }));
    const res = await s.call("POST", "/invoice/v2", { body: big, headers: { "content-type": "application/json" } });
    expect(res.status).toBe(413);

    // Streamed without a Content-Length: cut off once past the limit, before authentication even matters.
    const handler = createSandboxHandler({ sql: s.db.sql });
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(c) {
        if (sent > 4 * MAX_BODY_BYTES) return c.close();
        sent += 64 * 1024;
        c.enqueue(new Uint8Array(64 * 1024).fill(32));
      },
    });
    const streamed = await handler(
      new Request("http://sandbox.test/SBORO/api/invoice/v2", {
        method: "POST",
        headers: { authorization: basicHeader(DEMO_SMARTBILL.email, DEMO_SMARTBILL.token), "content-type": "application/json" },
        body: stream,
        duplex: "half",
      } as RequestInit),
    );
    expect(streamed.status).toBe(413);
    expect(sent).toBeLessThan(2 * MAX_BODY_BYTES);
    const control = await s.call("POST", `${s.server.origin}/__control/reset`, { body: big, headers: { "x-sandbox-control-key": "k" } });
    expect(control.status).toBe(413);
  });

  it("answers malformed input with a SmartBill-shaped 4xx, never a 5xx", async () => {
    const json = { "content-type": "application/json" };
    const cases: [string, string, { body?: string; json?: unknown; headers?: Record<string, string> }][] = [
      ["GET", "/series?cif=RO1234%00", {}],
      ["GET", "/tax?cif=%00", {}],
      ["GET", "/invoice/pdf?cif=RO12345674&seriesname=BRS&number=%00", {}],
      ["GET", "/invoice/paymentstatus?cif=RO12345674&seriesname=B%00&number=1", {}],
      ["PUT", "/invoice/cancel?cif=RO12345674&seriesname=BRS&number=1%00", {}],
      ["POST", "/invoice/v2", { json: invoiceBody({ companyVatCode: "RO1234\u0000" }) }],
      ["POST", "/invoice/v2", { json: invoiceBody({ client: { name: "Ion\u0000", country: "Romania" } }) }],
      ["POST", "/invoice/v2", { body: "null", headers: json }],
      ["POST", "/invoice/v2", { body: "[]", headers: json }],
      ["POST", "/invoice/v2", { body: "42", headers: json }],
      ["POST", "/invoice/v2", { body: '"text"', headers: json }],
      ["POST", "/invoice/v2", { body: "", headers: json }],
      ["POST", "/invoice/v2", { body: "<xml/>", headers: { "content-type": "application/xml" } }],
      ["POST", "/invoice/v2", { json: invoiceBody({ companyVatCode: null }) }],
      ["POST", "/invoice/v2", { json: invoiceBody({ companyVatCode: 12 }) }],
      ["POST", "/invoice/v2", { json: invoiceBody({ products: "none" }) }],
      ["POST", "/invoice/v2", { json: invoiceBody({ products: [null] }) }],
      ["POST", "/invoice/v2", { json: invoiceBody({ products: [{ name: "x", quantity: 1e300, price: 1e300, measuringUnitName: "buc" }] }) }],
      ["POST", "/invoice/v2", { json: invoiceBody({ products: [{ name: "x", quantity: -1e20, price: 3, measuringUnitName: "buc" }] }) }],
      ["POST", "/invoice/v2", { json: invoiceBody({ precision: 1e12 }) }],
      ["POST", "/invoice/reverse", { body: "null", headers: json }],
      ["POST", "/invoice/reverse", { json: { companyVatCode: SCHOOL, seriesName: "BRS", number: "\u0000", issueDate: "2026-06-15" } }],
      ["POST", "/payment", { body: "null", headers: json }],
      ["POST", "/payment", { json: { companyVatCode: SCHOOL, type: "Chitanta\u0000", value: 1, client: { name: "x" } } }],
      ["POST", "/payment", { json: { companyVatCode: SCHOOL, type: "Card", value: 1e300, client: { name: "x", country: "Romania" }, issueDate: "2026-06-15" } }],
      ["POST", "/document/send", { body: "null", headers: json }],
      ["POST", "/document/send", { json: { companyVatCode: SCHOOL, seriesName: "BRS", number: "1", type: "factura", to: "a\u0000@b.ro" } }],
      ["DELETE", "/invoice?cif=RO12345674&seriesname=BRS&number=99999999999999999999999", {}],
    ];
    for (const [method, path, init] of cases) {
      const res = await s.call(method, path, init);
      const text = await res.text();
      expect(res.status, `${method} ${path} ${init.body ?? JSON.stringify(init.json)?.slice(0, 120)} → ${text.slice(0, 200)}`).toBeLessThan(500);
    }
    const edit = await s.call("GET", `${s.server.origin}/SBORO/documente/editare/factura/99999999999999999999999/`);
    expect(edit.status).toBeLessThan(500);
  });

  it("keeps no token in its tables, only its sha-256", async () => {
    await s.admin.upsertAccount({ email: "plain@sandbox.smartbill.test", token: "a-very-secret-token-123" });
    const dump = await snapshot();
    expect(dump).not.toContain("a-very-secret-token-123");
    expect(dump).not.toContain(DEMO_SMARTBILL.token);
    const columns = await s.db.sql<{ column_name: string }[]>`
      select column_name from information_schema.columns where table_schema = 'smartbill_sandbox' and table_name = 'accounts'`;
    expect(columns.map((c) => c.column_name)).not.toContain("token");
    // …and the account still works, by its hash.
    await s.admin.upsertCompany({ account: "plain@sandbox.smartbill.test", cif: "RO9000005", name: "Plain" });
    const ok = await s.call("GET", "/series?cif=RO9000005", { auth: basicHeader("plain@sandbox.smartbill.test", "a-very-secret-token-123") });
    expect(ok.status).toBe(200);
  });
});
