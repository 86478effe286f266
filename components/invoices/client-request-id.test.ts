import { describe, expect, it } from "vitest";
import { newClientRequestId } from "./client-request-id";

const V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("newClientRequestId", () => {
  it("is a v4 uuid, also where crypto.randomUUID is missing (a page over plain http)", () => {
    expect(newClientRequestId()).toMatch(V4);
    const original = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(crypto), "randomUUID")!;
    Object.defineProperty(Object.getPrototypeOf(crypto), "randomUUID", { value: undefined, configurable: true });
    try {
      expect(typeof crypto.randomUUID).toBe("undefined");
      const ids = new Set(Array.from({ length: 200 }, () => newClientRequestId()));
      expect(ids.size).toBe(200);
      for (const id of ids) expect(id).toMatch(V4);
    } finally {
      Object.defineProperty(Object.getPrototypeOf(crypto), "randomUUID", original);
    }
    expect(typeof crypto.randomUUID).toBe("function");
  });
});
