// The client against the SmartBill sandbox: reads, error classes, retry behaviour (proven by the
// sandbox's own call log).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEMO_SMARTBILL_NO_API } from "../smartbill-sandbox/demo";
import { CLUB_CIF, startSandbox, type Sandbox } from "@/test/sandbox";
import { expectSmartBillError as failure } from "@/test/expect";
import { smartbillRateState } from "../../db/schema";
import { en } from "@/messages";

let h: Sandbox;
beforeAll(async () => {
  h = await startSandbox();
});
afterAll(() => h.close());
beforeEach(() => h.mark());


describe("series and taxes", () => {
  it("lists every series, or one type, with integer next numbers", async () => {
    const all = await h.sb.series.list(h.creds);
    expect(all).toContainEqual({ name: "BRS", nextNumber: 1, type: "f" });
    expect(all.map((s) => s.type)).toEqual(expect.arrayContaining(["f", "p", "c"]));
    const invoices = await h.sb.series.list(h.creds, { type: "f" });
    expect(invoices.length).toBeGreaterThan(0);
    expect(invoices.every((s) => s.type === "f")).toBe(true);
    const [call] = (await h.calls()).slice(-1);
    expect(call).toMatchObject({ method: "GET", path: "/series", status: 200 });
  });

  it("lists the VAT rates of a VAT payer", async () => {
    const { vatPayer, taxes } = await h.sb.taxes.list(h.creds);
    expect(vatPayer).toBe(true);
    expect(taxes).toContainEqual({ name: "Normala", percentage: 21 });
  });

  it("answers a non-VAT payer with an empty list, not an error", async () => {
    expect(await h.sb.taxes.list({ ...h.creds, cif: CLUB_CIF })).toEqual({ vatPayer: false, taxes: [] });
  });
});

describe("account errors", () => {
  it("credentials: a wrong token is a 401, never retried", async () => {
    const e = await failure(h.sb.series.list({ ...h.creds, token: "not-the-token" }));
    expect([e.code, e.httpStatus, e.retryable]).toEqual(["credentials", 401, false]);
    expect(e.originalText).toMatch(/^Autentificare esuata/);
  });

  it("company_not_found: a CIF that is not in the account", async () => {
    const e = await failure(h.sb.series.list({ ...h.creds, cif: "RO99999999" }));
    expect([e.code, e.httpStatus]).toEqual(["company_not_found", 401]);
    // A company that exists but belongs to another login.
    const other = await failure(h.sb.series.list({ ...h.creds, cif: DEMO_SMARTBILL_NO_API.company.cif }));
    expect(other.code).toBe("company_not_found");
  });

  it("no_api_access: a plan without the API gets the 403 text", async () => {
    const noApi = { username: DEMO_SMARTBILL_NO_API.email, token: DEMO_SMARTBILL_NO_API.token, cif: DEMO_SMARTBILL_NO_API.company.cif, baseUrl: h.server.baseUrl };
    const e = await failure(h.sb.taxes.list(noApi));
    expect([e.code, e.httpStatus]).toEqual(["no_api_access", 403]);
    expect(en.smartbill.errors[e.code]).toMatch(/Platinum/);
  });

  it("rejects incomplete credentials before anything is sent", async () => {
    const e = await failure(h.sb.series.list({ ...h.creds, token: "" }));
    expect([e.code, e.field]).toEqual(["credentials", "credentials.token"]);
    const http = await failure(h.sb.series.list({ ...h.creds, baseUrl: "http://smartbill.example.com/SBORO/api" }));
    expect(http.field).toBe("credentials.baseUrl");
    expect(await h.calls()).toHaveLength(0);
  });
});

describe("retries on reads", () => {
  it("retries a 5xx HTML page and succeeds on the next attempt", async () => {
    await h.admin.addFault({ account: h.creds.username, kind: "html_500", path: "/series", method: "GET", count: 1 });
    expect((await h.sb.series.list(h.creds)).length).toBeGreaterThan(0);
    expect((await h.calls()).map((c) => [c.path, c.status])).toEqual([
      ["/series", 500],
      ["/series", 200],
    ]);
  });

  it("gives up after the configured attempts with a retryable `unavailable`", async () => {
    await h.admin.addFault({ account: h.creds.username, kind: "html_500", path: "/tax", count: 5 });
    const e = await failure(h.sb.taxes.list(h.creds));
    expect([e.code, e.retryable, e.httpStatus]).toEqual(["unavailable", true, 500]);
    expect(await h.calls()).toHaveLength(3);
    await h.admin.clearFaults({ account: h.creds.username });
  });

  it("retries a read whose answer never comes (read timeout), then succeeds", async () => {
    await h.admin.addFault({ account: h.creds.username, kind: "timeout_after_store", path: "/series", ms: 5_000, count: 1 });
    const fast = h.client({ timeoutMs: 300 });
    expect((await fast.series.list(h.creds)).length).toBeGreaterThan(0);
    expect(await h.calls()).toHaveLength(2);
    expect(h.lines.some((l) => l.includes('"networkCode":"ETIMEDOUT"'))).toBe(true);
  });

  it("does not retry a definite answer: 200 with errorText is an error at once", async () => {
    await h.admin.addFault({ account: h.creds.username, kind: "error_text_200", path: "/series", errorText: "Eroare simulata." });
    const e = await failure(h.sb.series.list(h.creds));
    expect([e.code, e.httpStatus, e.originalText]).toEqual(["validation", 200, "Eroare simulata."]);
    expect(await h.calls()).toHaveLength(1);
  });

  it("unavailable when nothing listens: nothing was sent, retryable", async () => {
    const e = await failure(h.sb.series.list({ ...h.creds, baseUrl: "http://127.0.0.1:9/SBORO/api" }));
    expect([e.code, e.retryable, e.networkCode]).toEqual(["unavailable", true, "ECONNREFUSED"]);
  });
});

describe("rate limiting signals from SmartBill", () => {
  beforeEach(async () => {
    await h.db.db.delete(smartbillRateState);
    // A short sandbox window keeps its X-RateLimit-Reset close.
    await h.admin.setRateLimit({ account: h.creds.username, limit: 100_000, windowMs: 1_000 });
  });
  afterAll(() => h.admin.setRateLimit({ account: h.creds.username, limit: 100_000, windowMs: 10_000 }));

  it("a 429 blocks the token for every caller; maxWaitMs turns the wait into rate_limited with until", async () => {
    const c = h.client({ rateLimit: { blockMs: 1_500 } });
    await h.admin.addFault({ account: h.creds.username, kind: "status", status: 429, path: "/series", body: { errorText: "Limita depasita" } });
    const e = await failure(c.series.list(h.creds, {}, { maxWaitMs: 100 }));
    expect(e.code).toBe("rate_limited");
    expect(e.until!.getTime()).toBeGreaterThan(Date.now() + 1_000);
    // Another caller with a short wait fails at once and SmartBill sees nothing.
    await h.mark();
    expect((await failure(c.taxes.list(h.creds, { maxWaitMs: 0 }))).code).toBe("rate_limited");
    expect(await h.calls()).toHaveLength(0);
    // One willing to wait goes through once the block is over.
    const t0 = Date.now();
    await c.taxes.list(h.creds, { maxWaitMs: 5_000 });
    expect(Date.now()).toBeGreaterThanOrEqual(e.until!.getTime() - 50);
    expect(Date.now() - t0).toBeGreaterThan(800);
  });

  it("X-RateLimit-Remaining: 0 keeps everyone away until the reset, so no 429 comes", async () => {
    await h.admin.setRateLimit({ account: h.creds.username, limit: 3, windowMs: 1_000, blockMs: 60_000 });
    const c = h.client({});
    for (let i = 0; i < 3; i++) await c.taxes.list(h.creds);
    expect((await failure(c.series.list(h.creds, {}, { maxWaitMs: 0 }))).code).toBe("rate_limited");
    await c.series.list(h.creds, {}, { maxWaitMs: 3_000 });
    expect((await h.calls()).map((x) => x.status)).toEqual([200, 200, 200, 200]);
  });
});
