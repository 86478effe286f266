import { describe, expect, it } from "vitest";
import { cifDigits, isValidCif, isValidIban, normaliseIban } from "./ro";

describe("CIF", () => {
  it("accepts real check digits with or without RO", () => {
    for (const cif of ["RO12345674", "12345674", "41144780", "RO 1234567 4", "18547290"]) expect(isValidCif(cif), cif).toBe(true);
  });
  it("rejects a wrong check digit, letters and lengths", () => {
    for (const cif of ["RO12345678", "12345679", "ABC", "1", "12345678901", ""]) expect(isValidCif(cif), cif).toBe(false);
  });
  it("extracts the digits", () => {
    expect(cifDigits("ro 123")).toBe("123");
  });
});

describe("IBAN", () => {
  it("accepts valid Romanian and foreign IBANs, with spaces", () => {
    expect(isValidIban("RO49 AAAA 1B31 0075 9384 0000")).toBe(true);
    expect(isValidIban("DE89370400440532013000")).toBe(true);
  });
  it("rejects a wrong checksum or a short Romanian IBAN", () => {
    expect(isValidIban("RO49AAAA1B31007593840001")).toBe(false);
    expect(isValidIban("RO49AAAA1B3100759384")).toBe(false);
    expect(isValidIban("not an iban")).toBe(false);
  });
  it("normalises", () => {
    expect(normaliseIban("ro49 aaaa")).toBe("RO49AAAA");
  });
});
