// Malformed URLs against the production build: a percent-escape that does not decode (or decodes to a
// control character) names no page and no resource, so every route answers 400 or 404 with the security
// headers, never Next's 500. Signed out and signed in: the failure used to happen before any auth check.
import type { APIRequestContext } from "@playwright/test";
import { expect, test } from "../fixtures/test";

// The five routes that answered 500 without headers, then the other dynamic routes and a few more shapes.
const PATHS = [
  "/clients/%",
  "/api/invoices/%/pdf",
  "/api/invoice-batches/%",
  "/api/smartbill-sandbox/%",
  "/api/auth/%",
  "/registrations/%",
  "/invoices/batches/%",
  "/setup/%",
  "/invite/%",
  "/%",
  "/sign-in/%zz",
  "/api/%",
  "/api/health/%",
  "/api/auth/callback/%E0%A4%A",
  "/api/smartbill-sandbox/SBORO/api/%C0%AF",
  "/clients/%00",
  "/api/invoices/%00/pdf",
  "/api/invoice-batches/%0a",
  "/registrations/%7f",
];

async function expectRefusedWithHeaders(request: APIRequestContext, path: string, method: "GET" | "POST" = "GET") {
  const res = await request.fetch(path, { method, maxRedirects: 0, ...(method === "POST" ? { data: "{}", headers: { "content-type": "application/json" } } : {}) });
  const label = `${method} ${path}`;
  expect([400, 404], label).toContain(res.status());
  const h = res.headers();
  expect(h["content-security-policy"], label).toContain("frame-ancestors 'none'");
  expect(h["x-content-type-options"], label).toBe("nosniff");
  expect(h["x-frame-options"], label).toBe("DENY");
  expect(h["referrer-policy"], label).toBe("strict-origin-when-cross-origin");
  expect(h["permissions-policy"], label).toContain("camera=()");
  // The answer is ours, not a stack trace.
  expect(await res.text(), label).not.toMatch(/URIError|at decodeURIComponent|node_modules/);
}

test("malformed paths answer 400/404 with the security headers on every route, signed out", async ({ request }) => {
  for (const path of PATHS) await expectRefusedWithHeaders(request, path);
  for (const path of ["/api/auth/%", "/api/invoice-batches/%", "/api/smartbill-sandbox/%"]) await expectRefusedWithHeaders(request, path, "POST");
});

test("malformed paths answer 400/404 with the security headers, signed in", async ({ asAdmin }) => {
  for (const path of PATHS) await expectRefusedWithHeaders(asAdmin.request, path);
});

test("a malformed query string is a 4xx or the page, never a 500", async ({ asAdmin }) => {
  for (const path of ["/registrations?q=%&course=%zz", "/invoices?from=%&status=%E0", "/api/invoices/export?from=%", "/clients?q=%C0%AF"]) {
    const res = await asAdmin.request.get(path, { maxRedirects: 0 });
    expect(res.status(), path).toBeLessThan(500);
    expect(res.headers()["content-security-policy"], path).toContain("frame-ancestors 'none'");
  }
});

test("the proxy's own refusals of a malformed server-action body carry the headers too", async ({ request }) => {
  const res = await request.post("/sign-up", { headers: { "next-action": "deadbeef", "content-type": "text/plain;charset=UTF-8" }, data: "not json{{" });
  expect(res.status()).toBe(400);
  expect(res.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(res.headers()["x-content-type-options"]).toBe("nosniff");
});
