import "server-only";
import { SmartBillError, type SmartBillErrorCode, type SmartBillErrorVariant } from "./errors";

/**
 * How a call may be repeated, which decides what a lost answer means:
 * - read / idempotent: safe to send again (GET, PUT cancel/restore);
 * - create / delete: never re-sent; a lost answer is `ambiguous`.
 */
export type CallKind = "read" | "idempotent" | "create" | "delete";

export interface ResponseFacts {
  status: number;
  /** The parsed JSON body, or undefined when the body was not JSON (HTML error pages…). */
  json: unknown;
  kind: CallKind;
  operation: string;
}

interface Extracted {
  text: string;
  param?: string;
}

/** SmartBill's text cut at the first `<` (stock errors carry HTML) and trimmed. */
export function stripHtml(text: string): string {
  const i = text.indexOf("<");
  return (i === -1 ? text : text.slice(0, i)).trim();
}

function normalise(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** The error carried by a body, in any of SmartBill's three shapes; undefined when there is none. */
export function extractError(json: unknown): Extracted | undefined {
  if (!isRecord(json)) return undefined;
  if (typeof json.errorText === "string" && json.errorText.trim() !== "") {
    return { text: stripHtml(json.errorText) || json.errorText.trim() };
  }
  // POST /document/send: {status:{code,message}}, code 0 meaning success.
  if (isRecord(json.status) && typeof json.status.code === "number" && json.status.code !== 0) {
    return { text: stripHtml(String(json.status.message ?? "")) };
  }
  // Request-shape errors (json_mapping_error & co.) have no errorText.
  if (Array.isArray(json.errors) && isRecord(json.errors[0])) {
    const first = json.errors[0];
    const param = typeof first.param === "string" && first.param ? first.param : undefined;
    const text = stripHtml(String(first.message ?? first.code ?? "invalid request"));
    return { text, ...(param ? { param } : {}) };
  }
  if (typeof json.code === "string" && json.code.includes("_")) return { text: json.code };
  return undefined;
}

interface Rule {
  re: RegExp;
  code: SmartBillErrorCode;
  field?: string;
  variant?: SmartBillErrorVariant;
}

// Matched against the lower-cased, diacritics-free text, first match wins. Texts: docs/smartbill-client.md.
const RULES: Rule[] = [
  { re: /autentificare esuata/, code: "credentials" },
  { re: /nu aveti dreptul/, code: "credentials", variant: "user_not_allowed" },
  { re: /firma la care incercati sa va conectati/, code: "company_not_found" },
  { re: /accesul la api nu este inclus/, code: "no_api_access" },
  { re: /seria nu a fost gasita/, code: "series_not_found", field: "seriesName" },
  { re: /cota (de )?tva .*nu a fost gasita|trebuie sa setezi o cota tva|cota default nu a fost gasita/, code: "vat_level_not_found", field: "products" },
  { re: /client invalid|tara trebuie specificata|clientul exista deja|ciful clientului|datele clientului trebuie/, code: "buyer_invalid", field: "client" },
  { re: /numarul maxim de documente/, code: "package_exhausted" },
  { re: /nu este ultimul din serie/, code: "validation", variant: "not_last_in_series" },
  { re: /server-ul de email nu a fost configurat/, code: "validation", variant: "mail_server_missing" },
  { re: /este deja stornata|este de tip storno|incasata sau stornata in totalitate|este anulata/, code: "validation" },
  { re: /tipul (documentului|incasarii)|valoarea campului 'type'/, code: "validation", field: "type" },
  { re: /factura( proforma)?( cu seria si numarul)? .*nu a fost gasita|documentul nu a fost gasit|nu au fost gasite incasari|proforma .*nu a fost gasita/, code: "not_found" },
  { re: /numarul (facturii|documentului) +trebuie specificat/, code: "validation", field: "number" },
  { re: /seria facturii trebuie specificata/, code: "validation", field: "seriesName" },
  { re: /moneda nu a fost gasita/, code: "validation", field: "currency" },
  { re: /data (documentului|emiterii)/, code: "validation", field: "issueDate" },
  { re: /adresa de email|invalid addresses/, code: "validation", field: "email" },
  { re: /subiectul emailului/, code: "validation", field: "subject" },
  { re: /continutul emailului/, code: "validation", field: "bodyText" },
  { re: /valoarea incasarii/, code: "validation", field: "value" },
  { re: /produs|discount|intrari pe document|measuringunitname|gestiunea|stoc/, code: "validation", field: "products" },
  { re: /neplatitoare de tva/, code: "validation" },
];

/** Texts that are a definite answer even on a 5xx: nothing ambiguous about them. */
function matchRule(text: string): Rule | undefined {
  const n = normalise(text);
  return RULES.find((r) => r.re.test(n));
}

function byStatus(status: number, kind: CallKind): { code: SmartBillErrorCode; retryable?: boolean } {
  if (status === 401) return { code: "credentials" };
  if (status === 403) return { code: kind === "read" ? "no_api_access" : "validation" };
  if (status === 404) return { code: "not_found" };
  if (status === 408) return { code: "unavailable", retryable: true };
  if (status >= 500 || status < 200) {
    // The request reached SmartBill and no definite answer came back.
    return kind === "create" || kind === "delete" ? { code: "ambiguous" } : { code: "unavailable", retryable: true };
  }
  return { code: "validation" };
}

/** null when the response is a success; otherwise the error it stands for. 429 is the transport's job. */
export function classifyResponse(f: ResponseFacts): SmartBillError | null {
  const extracted = extractError(f.json);
  const ok = f.status >= 200 && f.status < 300;
  if (ok && !extracted) return null;
  const base = { httpStatus: f.status, operation: f.operation };
  if (!extracted) {
    const s = byStatus(f.status, f.kind);
    return new SmartBillError({ ...base, ...s });
  }
  if (extracted.param) {
    return new SmartBillError({ ...base, code: "validation", originalText: extracted.text, field: extracted.param });
  }
  const rule = matchRule(extracted.text);
  if (rule) {
    return new SmartBillError({
      ...base,
      code: rule.code,
      originalText: extracted.text,
      ...(rule.field ? { field: rule.field } : {}),
      ...(rule.variant ? { variant: rule.variant } : {}),
    });
  }
  return new SmartBillError({ ...base, ...byStatus(ok ? 400 : f.status, f.kind), originalText: extracted.text });
}

/** A 2xx whose body we cannot read: after a create, the document may well exist. */
export function unreadableSuccess(kind: CallKind, operation: string, status: number): SmartBillError {
  const definiteKind = kind === "create" || kind === "delete";
  return new SmartBillError({
    code: definiteKind ? "ambiguous" : "unavailable",
    httpStatus: status,
    operation,
    originalText: "unexpected response from SmartBill",
    retryable: !definiteKind,
  });
}

export type NetworkPhase = "before_send" | "after_send";

/** before_send: nothing reached SmartBill (DNS, refused, connect timeout). after_send: it may have. */
export function classifyNetworkFailure(opts: {
  phase: NetworkPhase;
  networkCode: string;
  kind: CallKind;
  operation: string;
}): SmartBillError {
  const { phase, networkCode, kind, operation } = opts;
  if (phase === "after_send" && (kind === "create" || kind === "delete")) {
    return new SmartBillError({ code: "ambiguous", networkCode, operation });
  }
  return new SmartBillError({ code: "unavailable", networkCode, operation, retryable: true });
}
