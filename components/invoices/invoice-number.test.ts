import { describe, expect, it } from "vitest";
import { expectedInvoiceNumber, invoiceNumber } from "./invoice-status-badge";

describe("invoice numbers as SmartBill writes them", () => {
  it("an expected number is padded to the series' width once it is known", () => {
    expect(expectedInvoiceNumber("BRS", "24", 4)).toBe("BRS-0024");
    expect(expectedInvoiceNumber("BRS", "12345", 4)).toBe("BRS-12345");
    expect(expectedInvoiceNumber("BRS", "24", null)).toBe("BRS-24");
  });

  it("an issued number is shown as SmartBill gave it", () => {
    expect(invoiceNumber("BRS", "0024")).toBe("BRS-0024");
    expect(invoiceNumber(null, "0024")).toBeNull();
  });
});
