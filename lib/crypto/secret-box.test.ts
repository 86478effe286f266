import crypto from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret } from "./secret-box";

beforeAll(() => {
  process.env.BURSAR_ENCRYPTION_KEY = crypto.randomBytes(32).toString("base64");
});

describe("secret box", () => {
  it("round-trips and never contains the plain text", () => {
    const sealed = encryptSecret("token-abc-123", "org-1");
    expect(sealed).not.toContain("token-abc-123");
    expect(sealed.startsWith("v1:")).toBe(true);
    expect(decryptSecret(sealed, "org-1")).toBe("token-abc-123");
  });
  it("uses a fresh IV each time", () => {
    expect(encryptSecret("x", "o")).not.toBe(encryptSecret("x", "o"));
  });
  it("refuses another owner's ciphertext and tampering", () => {
    const sealed = encryptSecret("token", "org-1");
    expect(() => decryptSecret(sealed, "org-2")).toThrow();
    const bytes = Buffer.from(sealed.slice(3), "base64");
    bytes[bytes.length - 1]! ^= 1;
    expect(() => decryptSecret(`v1:${bytes.toString("base64")}`, "org-1")).toThrow();
  });
});
