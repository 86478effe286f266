// The response shapes SmartBill V1 uses. Keeping them in one place keeps every endpoint's errors in
// exactly one of the documented forms.
import { escapeHtml } from "../escape-html";

export const DOC_URL = "https://api.smartbill.ro/#v3-error-invalid_request_error";

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json;charset=UTF-8", ...headers },
  });
}

export function html(status: number, body: string, headers: Record<string, string> = {}): Response {
  return new Response(body, { status, headers: { "content-type": "text/html;charset=utf-8", ...headers } });
}

/** Fields every classic V1 body carries; invoice-issuing endpoints add the document fields. */
export function classicBody(errorText: string, opts: { invoice?: boolean; message?: string } = {}) {
  const base = { errorText, message: opts.message ?? "", number: "", series: "", url: "" };
  return opts.invoice ? { ...base, documentUrl: "", documentId: -1, documentViewUrl: "" } : base;
}

export function classicError(
  status: number,
  errorText: string,
  opts: { invoice?: boolean; extra?: Record<string, unknown> } = {},
): Response {
  return json(status, { ...classicBody(errorText, opts), ...opts.extra });
}

export function classicOk(message: string, extra: Record<string, unknown> = {}): Response {
  return json(200, { ...classicBody("", { message }), ...extra });
}

/** The request-shape body: no errorText. Used for 400 mapping/parse errors, 405, 406 and 415. */
export function requestShapeError(
  status: number,
  instance: string,
  code: string,
  message: string,
  opts: { param?: string; headers?: Record<string, string> } = {},
): Response {
  const error: Record<string, string> = { code, message, docUrl: DOC_URL };
  if (opts.param !== undefined) error.param = opts.param;
  return json(status, { status, type: "invalid_request_error", instance, errors: [error] }, opts.headers);
}

export const METHOD_NOT_ALLOWED = "The HTTP method is not allowed for the requested resource.";
export const AUTH_FAILED = "Autentificare esuata. Va rugam verificati datele si incercati din nou.";
export const COMPANY_NOT_IN_CLOUD = "Firma la care incercati sa va conectati nu mai este disponibila in Cloud.";
export const COMPANY_NOT_FOR_USER = "Firma la care incercati sa va conectati nu este disponibila pentru acest utilizator.";
// [I] The exact text SmartBill sends for a plan without API access is not published; Bursar's client
// maps this exact string, so it must not change.
export const NO_API_ACCESS =
  "Accesul la API nu este inclus in abonamentul curent. API-ul este disponibil pentru abonamentele Facturare Platinum, Gestiune Plus si eCommerce.";

/** SmartBill's Unauthorized schema: used for bad credentials and for an unavailable company. */
export function unauthorized(errorText: string = AUTH_FAILED): Response {
  return json(401, {
    key: "!.oresp@&",
    successfully: false,
    errorText,
    errorCode: "0",
    message: "",
    operationExecuted: false,
    cooldown: 0,
    needsConsent: false,
  });
}

export function tomcatError(status: 404 | 500, path = ""): Response {
  const title = status === 404 ? "Not Found" : "Internal Server Error";
  const detail = status === 404 ? `<p>The requested resource [${escapeHtml(path)}] is not available</p>` : "";
  return html(
    status,
    `<!DOCTYPE html><html><head><title>Error report</title></head>\n<body><h1>HTTP Status ${status} - ${title}</h1>${detail}</body></html>\n`,
  );
}

export function nginxBadGateway(): Response {
  return html(
    502,
    "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n",
  );
}

export { escapeHtml };
