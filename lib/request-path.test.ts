import { describe, expect, it } from "vitest";
import { isMalformedPath } from "./request-path";

describe("isMalformedPath", () => {
  it("refuses escapes that do not decode, and control characters once decoded", () => {
    for (const p of ["/clients/%", "/api/invoices/%/pdf", "/api/auth/%", "/x/%zz", "/x/%E0%A4%A", "/x/%C0%AF", "/x/%ED%A0%80", "/x/%00", "/x/%0a", "/x/%0D%0Aset-cookie:x", "/x/%7F", "/x/%1b[31m"]) {
      expect(isMalformedPath(p), p).toBe(true);
    }
  });

  it("lets through ordinary and well-formed paths, diacritics and reserved characters included", () => {
    for (const p of ["/", "/registrations", "/clients/3f1c2a9e-0b1d-4c55-9a3e-5d2b1f0a7c11", "/api/smartbill-sandbox/SBORO/api/tax", "/x/%C8%98coala", "/x/%2F", "/x/%25", "/x/a%20b", "/x/%E2%80%AE"]) {
      expect(isMalformedPath(p), p).toBe(false);
    }
  });
});
