import { describe, expect, it } from "vitest";
import { classifyNetworkFailure, classifyResponse, extractError, stripHtml, type CallKind } from "./classify";
import type { SmartBillErrorCode } from "./errors";
import { en, ro } from "@/messages";

const classic = (errorText: string) => ({ errorText, message: "", number: "", series: "", url: "" });
const classify = (status: number, json: unknown, kind: CallKind = "create") =>
  classifyResponse({ status, json, kind, operation: "test.op" });

describe("classifyResponse: SmartBill's exact texts", () => {
  const cases: [number, string, SmartBillErrorCode, string?][] = [
    [401, "Autentificare esuata. Va rugam verificati datele si incercati din nou.", "credentials"],
    [401, "Firma la care incercati sa va conectati nu mai este disponibila in Cloud.", "company_not_found"],
    [401, "Firma la care incercati sa va conectati nu este disponibila pentru acest utilizator.", "company_not_found"],
    [401, "Nu aveti dreptul de a adauga facturi pe seria selectata", "credentials"],
    [
      403,
      "Accesul la API nu este inclus in abonamentul curent. API-ul este disponibil pentru abonamentele Facturare Platinum, Gestiune Plus si eCommerce.",
      "no_api_access",
    ],
    [400, "Seria nu a fost gasita! Folositi o serie creata in contul de cloud.", "series_not_found", "seriesName"],
    [400, "Cota tva a produsului Taxa scolarizare nu a fost gasita pe server!", "vat_level_not_found", "products"],
    [400, "Trebuie sa setezi o cota tva pentru produsul Taxa", "vat_level_not_found"],
    [400, "Cota default nu a fost gasita pe server!", "vat_level_not_found"],
    [400, "Client invalid!", "buyer_invalid", "client"],
    [400, "tara trebuie specificata", "buyer_invalid"],
    [400, "Clientul exista deja pe server", "buyer_invalid"],
    [400, "Ciful clientului de pe factura fac3802 difera de ciful clientului incasarii!", "buyer_invalid"],
    [400, "Pentru acest pachet s-a emis numarul maxim de documente permis", "package_exhausted"],
    [400, "Factura nu a fost gasita", "not_found"],
    [400, "Factura cu seria si numarul fac99999999 nu a fost gasita!", "not_found"],
    [200, "Documentul nu a fost gasit", "not_found"],
    [400, "Nu au fost gasite incasari conform datelor specificate.", "not_found"],
    [404, "Tipul documentului nu a fost gasit pe server!", "validation", "type"],
    [400, "Moneda nu a fost gasita pe server!", "validation", "currency"],
    [400, "Data documentului trebuie sa fie de forma yyyy-MM-dd.", "validation", "issueDate"],
    [400, "Factura este deja stornata.", "validation"],
    [400, "Factura fac3830 este anulata.", "validation"],
    [400, "Factura este incasata sau stornata in totalitate.", "validation"],
    [403, "Nu poti sterge documentul cu seria si numarul fac 3749, deoarece nu este ultimul din serie!", "validation"],
    [410, "Numarul maxim acceptat de 400 intrari pe document a fost depasit.", "validation", "products"],
    [400, "Server-ul de email nu a fost configurat.", "validation"],
    [400, "Produsul Taxa nu are codul specificat.", "validation", "products"],
    [422, "Ceva nou si necunoscut", "validation"],
  ];
  it.each(cases)("HTTP %i %s → %s", (status, text, code, field) => {
    const err = classify(status, classic(text))!;
    expect(err.code).toBe(code);
    expect(err.originalText).toBe(text);
    expect(err.httpStatus).toBe(status);
    expect([en.smartbill.errors[err.code].length, ro.smartbill.errors[err.code].length].every((n) => n > 30)).toBe(true);
    if (field) expect(err.field).toBe(field);
  });

  it("treats a non-empty errorText as a failure even with HTTP 200", () => {
    expect(classify(200, classic("Seria nu a fost gasita! Folositi o serie creata in contul de cloud."))?.code).toBe("series_not_found");
    expect(classify(200, classic("Ceva neasteptat"))?.code).toBe("validation");
    expect(classify(200, classic(""))).toBeNull();
    expect(classify(200, { status: { code: 0, message: "Documentul a fost trimis cu succes." } })).toBeNull();
  });

  it("keeps only the text before the first < of an HTML-laden errorText", () => {
    const err = classify(400, classic('Cantitate stoc insuficienta pentru produsul X.<br/><b>Stoc:</b> 0<div id="moreErrorDetails">…</div>'))!;
    expect(err.originalText).toBe("Cantitate stoc insuficienta pentru produsul X.");
    expect(stripHtml("<html><body>502 Bad Gateway</body></html>")).toBe("");
  });

  it("maps request-shape errors to validation with the field path", () => {
    const body = {
      status: 400,
      type: "invalid_request_error",
      errors: [{ code: "json_mapping_error", message: "Could not map property: products[0].quantity.", param: "products[0].quantity" }],
    };
    const err = classify(400, body)!;
    expect(err.code).toBe("validation");
    expect(err.field).toBe("products[0].quantity");
    expect(extractError({ code: "invalid_accept_header" })?.text).toBe("invalid_accept_header");
    expect(classify(406, { code: "invalid_accept_header" }, "read")?.code).toBe("validation");
  });

  it("decides by status when there is no text", () => {
    expect(classify(401, undefined, "read")?.code).toBe("credentials");
    expect(classify(403, undefined, "read")?.code).toBe("no_api_access");
    expect(classify(403, undefined, "delete")?.code).toBe("validation");
    expect(classify(404, undefined, "read")?.code).toBe("not_found");
    expect(classify(415, undefined)?.code).toBe("validation");
  });

  it("calls a 5xx ambiguous after a create or delete, unavailable (retryable) after a read", () => {
    expect(classify(500, undefined, "create")?.code).toBe("ambiguous");
    expect(classify(500, undefined, "create")?.retryable).toBe(false);
    expect(classify(500, classic("Internal Server Error!"), "create")?.code).toBe("ambiguous");
    expect(classify(502, undefined, "delete")?.code).toBe("ambiguous");
    const read = classify(503, undefined, "read")!;
    expect([read.code, read.retryable]).toEqual(["unavailable", true]);
    expect(classify(500, undefined, "idempotent")?.code).toBe("unavailable");
    // A definite business text is definite whatever the status.
    expect(classify(500, classic("Seria nu a fost gasita! Folositi o serie creata in contul de cloud."))?.code).toBe("series_not_found");
  });
});

describe("classifyNetworkFailure", () => {
  it("is unavailable when nothing was sent, whatever the call", () => {
    for (const kind of ["read", "idempotent", "create", "delete"] as const) {
      const e = classifyNetworkFailure({ phase: "before_send", networkCode: "ECONNREFUSED", kind, operation: "x" });
      expect([e.code, e.retryable]).toEqual(["unavailable", true]);
    }
  });
  it("is ambiguous once a create or delete may have reached SmartBill", () => {
    expect(classifyNetworkFailure({ phase: "after_send", networkCode: "ETIMEDOUT", kind: "create", operation: "x" }).code).toBe("ambiguous");
    expect(classifyNetworkFailure({ phase: "after_send", networkCode: "ECONNRESET", kind: "delete", operation: "x" }).code).toBe("ambiguous");
    expect(classifyNetworkFailure({ phase: "after_send", networkCode: "ECONNRESET", kind: "read", operation: "x" }).code).toBe("unavailable");
  });
});
