import { describe, expect, it } from "vitest";
import { SMARTBILL_ERROR_CODES } from "@/lib/smartbill/errors";
import { failureOfCode } from "./failures";

describe("invoice failures", () => {
  it("types every SmartBill error code with a message key", () => {
    for (const code of SMARTBILL_ERROR_CODES) {
      const f = failureOfCode(code);
      expect(f.messageKey).toBe(`invoicing.failures.${f.type}`);
    }
  });
  it("links each setting to fix, and the client for buyer data", () => {
    expect(failureOfCode("credentials")).toMatchObject({ type: "credentials", retryable: false, settingsLink: "/setup/credentials" });
    expect(failureOfCode("series_not_found")).toMatchObject({ type: "series", retryable: false, settingsLink: "/setup/series" });
    expect(failureOfCode("vat_level_not_found")).toMatchObject({ type: "vat_level", settingsLink: "/setup/vat" });
    expect(failureOfCode("buyer_invalid", "c1")).toMatchObject({ type: "buyer_data", settingsLink: "/clients/c1" });
    expect(failureOfCode("company_not_found").type).toBe("cif");
    expect(failureOfCode("package_exhausted")).toMatchObject({ type: "package_exhausted", retryable: false });
  });
  it("lets only passing failures be bulk-retried", () => {
    expect(failureOfCode("unavailable").retryable).toBe(true);
    expect(failureOfCode("rate_limited").retryable).toBe(true);
    expect(failureOfCode("validation")).toMatchObject({ type: "unknown", retryable: true });
    expect(failureOfCode("buyer_invalid").retryable).toBe(false);
  });
});
