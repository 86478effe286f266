import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { basicHeader } from "./auth";
import { DEMO_SMARTBILL, DEMO_SMARTBILL_NO_API } from "./demo";
import { NO_API_ACCESS } from "./responses";
import { CLUB_CIF as CLUB, SCHOOL_CIF as SCHOOL, startSandbox, type Sandbox } from "@/test/sandbox";

const UNAUTHORIZED = {
  key: "!.oresp@&",
  successfully: false,
  errorText: "Autentificare esuata. Va rugam verificati datele si incercati din nou.",
  errorCode: "0",
  message: "",
  operationExecuted: false,
  cooldown: 0,
  needsConsent: false,
};

describe("authentication, company selection and configuration endpoints", () => {
  let s: Sandbox;
  beforeAll(async () => {
    s = await startSandbox({ rateLimit: "smartbill" });
    await s.admin.upsertAccount({ email: "other@sandbox.smartbill.test", token: "other-token" });
    await s.admin.upsertCompany({ account: "other@sandbox.smartbill.test", cif: "RO999", name: "Alta firma" });
  });
  afterAll(() => s.close());

  it("answers bad or missing credentials with SmartBill's exact Unauthorized body", async () => {
    for (const auth of [null, basicHeader(DEMO_SMARTBILL.email, "wrong"), basicHeader("someone@else.test", DEMO_SMARTBILL.token)]) {
      const res = await s.call("GET", `/series?cif=${SCHOOL}`, { auth });
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual(UNAUTHORIZED);
    }
  });

  it("answers a malformed Basic header with the Unauthorized body, not SmartBill's 500 page", async () => {
    const res = await s.call("GET", `/series?cif=${SCHOOL}`, { auth: "Basic !!!not-base64" });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual(UNAUTHORIZED);
  });

  it("refuses an account whose plan has no API access with 403 and the exact text", async () => {
    const res = await s.call("GET", `/series?cif=${DEMO_SMARTBILL_NO_API.company.cif}`, {
      auth: basicHeader(DEMO_SMARTBILL_NO_API.email, DEMO_SMARTBILL_NO_API.token),
    });
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ errorText: NO_API_ACCESS, message: "", number: "", series: "", url: "" });
  });

  it("matches the CIF exactly and tells unknown companies from other accounts' companies", async () => {
    const cases: [string, string][] = [
      ["/series", "Firma la care incercati sa va conectati nu mai este disponibila in Cloud."],
      ["/series?cif=12345674", "Firma la care incercati sa va conectati nu mai este disponibila in Cloud."],
      ["/series?cif=ro12345674", "Firma la care incercati sa va conectati nu mai este disponibila in Cloud."],
      ["/series?cif=RO999", "Firma la care incercati sa va conectati nu este disponibila pentru acest utilizator."],
    ];
    for (const [path, errorText] of cases) {
      const res = await s.call("GET", path);
      expect(res.status, path).toBe(401);
      expect(await res.json()).toEqual({ ...UNAUTHORIZED, errorText });
    }
  });

  it("lists series with an optional type filter and rejects an unknown type", async () => {
    const all = (await (await s.call("GET", `/series?cif=${SCHOOL}`)).json()) as { list: { name: string }[] };
    expect(all.list.map((x) => x.name).sort()).toEqual(["BRS", "BRSC", "CH", "PRF"]);
    const receipts = await (await s.call("GET", `/series?cif=${SCHOOL}&type=c`)).json();
    expect(receipts).toEqual({ errorText: "", message: "", number: "", series: "", url: "", list: [{ name: "CH", nextNumber: 1, type: "c" }] });
    const bad = await s.call("GET", `/series?cif=${SCHOOL}&type=x`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errorText: string }).errorText).toBe(
      "Tipul documentului nu poate fi x! Parametrul type poate lua valorile: 'f' pentru factura, 'p' pentru proforma si 'c' pentru chitanta.",
    );
    const club = (await (await s.call("GET", `/series?cif=${CLUB}`)).json()) as { list: unknown[] };
    expect(club.list).toEqual([{ name: "CLB", nextNumber: 1, type: "f" }]);
  });

  it("lists taxes, and tells a non-VAT payer with 400", async () => {
    const tax = await (await s.call("GET", `/tax?cif=${SCHOOL}`)).json();
    expect(tax).toEqual({
      errorText: "",
      message: "",
      number: "",
      series: "",
      url: "",
      taxes: DEMO_SMARTBILL.company.taxes,
    });
    const club = await s.call("GET", `/tax?cif=${CLUB}`);
    expect(club.status).toBe(400);
    expect(((await club.json()) as { errorText: string }).errorText).toBe("Firma este neplatitoare de tva.");
  });

  it("answers a wrong verb with 405 and Allow, before authentication", async () => {
    const res = await s.call("GET", "/invoice/v2", { auth: null });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("POST");
    expect(await res.json()).toMatchObject({ status: 405, type: "invalid_request_error", errors: [{ code: "method_not_allowed" }] });
    const del = await s.call("PUT", "/invoice");
    expect(del.headers.get("allow")).toBe("POST, DELETE");
  });

  it("puts rate-limit headers on every response of a known token", async () => {
    const res = await s.call("GET", `/tax?cif=${CLUB}`);
    expect(res.headers.get("x-ratelimit-limit")).toBe("30");
    expect(Number(res.headers.get("x-ratelimit-remaining"))).toBeLessThan(30);
    expect(Number(res.headers.get("x-ratelimit-reset"))).toBeGreaterThan(Date.now() / 1000);
    const unknown = await s.call("GET", "/nope");
    expect(unknown.status).toBe(404);
  });
});
