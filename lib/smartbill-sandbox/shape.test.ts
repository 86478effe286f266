import { describe, expect, it } from "vitest";
import { invoiceRequestSpec } from "./request-specs";
import { mapStrict } from "./shape";

describe("strict mapping", () => {
  it("names the first unknown property with its full path, in document order", () => {
    const r = mapStrict(invoiceRequestSpec, { seriesName: "X", products: [{ name: "a" }, { name: "b", zzz: 1 }], Price: 1 });
    expect(r).toEqual({ ok: false, kind: "unknown", path: "products[1].zzz" });
    expect(mapStrict(invoiceRequestSpec, { client: { nume: "x" } })).toEqual({ ok: false, kind: "unknown", path: "client.nume" });
  });

  it("coerces like Jackson and rejects what it cannot map", () => {
    const ok = mapStrict(invoiceRequestSpec, { isDraft: 1, products: [{ quantity: "2", taxPercentage: 21, name: 5 }] });
    expect(ok).toEqual({ ok: true, value: { isDraft: true, products: [{ quantity: 2, taxPercentage: 21, name: "5" }] } });
    expect(mapStrict(invoiceRequestSpec, { products: [{ taxPercentage: "21%" }] })).toEqual({
      ok: false,
      kind: "type",
      path: "products[0].taxPercentage",
    });
    expect(mapStrict(invoiceRequestSpec, { client: "x" })).toEqual({ ok: false, kind: "type", path: "client" });
    expect(mapStrict(invoiceRequestSpec, { ecommercePluginInfo: { platformName: "wp", details: { any: [1] } } }).ok).toBe(true);
  });
});
