import { describe, expect, it } from "vitest";
import { safeCallbackPath, safeRedirectUrl } from "./callback-url";

const BASE = "https://bursar.school.ro";

// What the sign-in form receives from `params.get("callbackUrl")` (already URL-decoded once) and what
// next-auth's redirect callback receives: every one of these leaves the site in a browser.
const LEAVING = [
  "/\\evil.example",
  "/\\/evil.example",
  "\\\\evil.example",
  "/%5Cevil.example",
  "/%5cevil.example",
  "/\t/evil.example",
  "/%09/evil.example",
  "/\n/evil.example",
  "//evil.example",
  "///evil.example",
  "/.//evil.example",
  "/%2F/evil.example",
  "https://evil.example",
  "https://evil.example/registrations",
  "http://bursar.school.ro.evil.example/",
  "https://bursar.school.ro@evil.example/",
  "javascript:alert(1)",
  "JavaScript:alert(1)",
  " javascript:alert(1)",
  "data:text/html,<script>alert(1)</script>",
  "http://bursar.school.ro/", // other scheme: another origin
];

describe("callbackUrl", () => {
  it.each(LEAVING)("refuses %j", (raw) => {
    expect(safeCallbackPath(raw, BASE)).toBeNull();
    expect(safeRedirectUrl(raw, BASE)).toBe(BASE);
  });

  it("keeps same-origin paths, with their query and hash", () => {
    expect(safeCallbackPath("/invoices", BASE)).toBe("/invoices");
    expect(safeCallbackPath("/invite/abc_DEF-123?x=1#top", BASE)).toBe("/invite/abc_DEF-123?x=1#top");
    expect(safeCallbackPath(`${BASE}/settings/team`, BASE)).toBe("/settings/team");
    expect(safeRedirectUrl(`${BASE}/sign-in`, BASE)).toBe(`${BASE}/sign-in`);
    expect(safeRedirectUrl("/sign-in", BASE)).toBe(`${BASE}/sign-in`);
  });

  it("treats nothing, garbage and huge values as no callback", () => {
    expect(safeCallbackPath(null, BASE)).toBeNull();
    expect(safeCallbackPath("", BASE)).toBeNull();
    expect(safeCallbackPath("/%", BASE)).toBeNull();
    expect(safeCallbackPath(`/${"a".repeat(3000)}`, BASE)).toBeNull();
  });
});
