import { describe, expect, it } from "vitest";
import { en, ro } from "../messages";

function keys(obj: object, prefix = ""): string[] {
  return Object.entries(obj).flatMap(([k, v]) => (v && typeof v === "object" ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

describe("message catalogues", () => {
  it("Romanian has exactly the English keys", () => {
    expect(keys(ro).sort()).toEqual(keys(en).sort());
  });
  it("no message is empty", () => {
    const values = (o: object): unknown[] => Object.values(o).flatMap((v) => (v && typeof v === "object" ? values(v) : [v]));
    for (const v of [...values(en), ...values(ro)]) expect(String(v).trim()).not.toBe("");
  });
});
