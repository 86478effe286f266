import { describe, expect, it } from "vitest";
import { en, ro } from "@/messages";
import { SMARTBILL_ERROR_CODES, SMARTBILL_ERROR_VARIANTS, SmartBillError } from "@/lib/smartbill";
import { smartBillAppError, smartBillErrorKey, smartBillFailureOf } from "./smartbill-errors";

function lookup(messages: unknown, key: string): unknown {
  return key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], messages);
}

describe("SmartBill error vocabulary", () => {
  it("has a message in English and Romanian for every code, variant and 'other'", () => {
    for (const reason of [...SMARTBILL_ERROR_CODES, ...SMARTBILL_ERROR_VARIANTS, "other"]) {
      const key = smartBillErrorKey({ reason });
      expect(typeof lookup(en, key), key).toBe("string");
      expect(typeof lookup(ro, key), key).toBe("string");
    }
  });

  it("maps a SmartBillError to a key, its code as the reason and SmartBill's text as the detail", () => {
    const e = new SmartBillError({ code: "credentials", variant: "user_not_allowed", originalText: "Nu aveti dreptul sa emiteti", httpStatus: 400 });
    const app = smartBillAppError(e);
    expect([app.code, app.message, app.reason, app.detail]).toEqual(["external", "smartbill.errors.user_not_allowed", "credentials", "Nu aveti dreptul sa emiteti"]);
    expect(app.cause).toBe(e);
  });

  it("names anything that is not a SmartBillError 'other', without its message", () => {
    const f = smartBillFailureOf(new Error("Failed query: insert … params: secret@school.ro"));
    expect(f).toEqual({ reason: "other" });
    expect(smartBillAppError(new Error("x"), () => "vat.syncFailure.other")).toMatchObject({ message: "vat.syncFailure.other", reason: "other" });
  });
});
