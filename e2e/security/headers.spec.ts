// Security headers on pages and API responses of the production build, and pages still hydrate under
// the Content-Security-Policy (a blocked inline script would leave the sign-in form dead).
import { expect, test } from "@playwright/test";
import { DEMO, signIn } from "../fixtures/auth";

const EXPECTED = {
  "x-content-type-options": "nosniff",
  "referrer-policy": "strict-origin-when-cross-origin",
};

test("every response carries the security headers; HSTS only over https", async ({ request }) => {
  for (const path of ["/sign-in", "/api/health", "/api/smartbill-sandbox/SBORO/api/tax", "/no-such-page"]) {
    const res = await request.get(path);
    const h = res.headers();
    expect(h, path).toMatchObject(EXPECTED);
    expect(h["content-security-policy"], path).toContain("frame-ancestors 'none'");
    expect(h["content-security-policy"], path).toContain("default-src 'self'");
    expect(h["permissions-policy"], path).toContain("camera=()");
    expect(h["strict-transport-security"], path).toBeUndefined();
  }
  const https = await request.get("/sign-in", { headers: { "x-forwarded-proto": "https" } });
  expect(https.headers()["strict-transport-security"]).toContain("max-age=");
});

test("pages hydrate under the policy: signing in works and nothing is refused", async ({ page }) => {
  const refused: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) refused.push(m.text());
  });
  await signIn(page, DEMO.admin);
  await page.goto("/setup/credentials");
  await expect(page.getByRole("button", { name: "Use the sandbox" })).toBeEnabled();
  expect(refused).toEqual([]);
});
