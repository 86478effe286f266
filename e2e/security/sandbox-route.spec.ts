// The built-in sandbox as a stranger reaches it through the production server: a body past 1 MiB is
// refused, anonymous calls get 401 and leave no trace, malformed input gets a 4xx.
import { expect, test } from "../fixtures/test";

const API = "/api/smartbill-sandbox/SBORO/api";
const DEMO_AUTH = `Basic ${Buffer.from("demo@sandbox.smartbill.test:sandbox-demo-token-2026").toString("base64")}`;

test("the sandbox route refuses oversized bodies, strangers and malformed input without a 5xx", async ({ request, sandbox }) => {
  const big = await request.post(`${API}/invoice/v2`, { headers: { "content-type": "application/json", authorization: DEMO_AUTH }, data: "x".repeat(2 * 1024 * 1024) });
  expect(big.status()).toBe(413);

  const before = ((await sandbox.control("call-log", { limit: 10_000 })) as unknown[]).length;
  for (const authorization of [undefined, "Basic !!!", `Basic ${Buffer.from("demo@sandbox.smartbill.test:wrong").toString("base64")}`]) {
    const res = await request.post(`${API}/invoice/v2`, { headers: { "content-type": "application/json", ...(authorization ? { authorization } : {}) }, data: "null" });
    expect(res.status()).toBe(401);
  }
  expect(((await sandbox.control("call-log", { limit: 10_000 })) as unknown[]).length).toBe(before);

  for (const [path, data] of [
    [`${API}/invoice/v2`, "null"],
    [`${API}/invoice/v2`, JSON.stringify({ companyVatCode: "RO1\u0000", seriesName: "BRS" })],
  ] as const) {
    const res = await request.post(path, { headers: { "content-type": "application/json", authorization: DEMO_AUTH }, data });
    expect(res.status(), `${path} ${data}`).toBeGreaterThanOrEqual(400);
    expect(res.status(), `${path} ${data}`).toBeLessThan(500);
  }
  const nulCif = await request.get(`${API}/series?cif=RO1%00`, { headers: { authorization: DEMO_AUTH } });
  expect(nulCif.status()).toBe(400);
});
