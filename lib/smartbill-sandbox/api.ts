// One V1 API call:
//   rate limit (gateway) → route / verb → credentials → plan (API access) → request shape (413, 415, JSON,
//   strict mapping, 406) → injected fault → company (CIF) → endpoint.
// A late_commit fault answers an HTML 500 at the fault step and runs company → endpoint later (faults.ts).
// [!] SmartBill checks the request shape before the credentials. The sandbox is reachable by anyone who
// can reach Bursar, so it authenticates first: an unknown caller gets 401 without its body being read,
// and nothing about it is stored (no call log entry, no rate-limit row).
import { findAccountByTokenHash, findCompanyByCif, type Account } from "./accounts";
import { parseBasic, type BasicAuth } from "./auth";
import { recordCall } from "./call-log";
import { readBodyText } from "./body";
import { makeLinks, type Endpoint } from "./context";
import type { Sql } from "./db";
import { consumeFault, LATE_COMMIT_DEFAULT_MS, scheduleLateCommit, type Fault } from "./faults";
import { rateLimitedResponse, rateLimitHeaders, takeRateLimit } from "./rate-limit";
import * as R from "./responses";
import { findRoute } from "./routes";
import { mapStrict } from "./shape";
import { hashToken, sleep } from "./util";

export interface Env {
  sql: Sql;
  now: () => Date;
  canDropConnections: boolean;
  dropFallbackMs: number;
  /** Responses whose connection the server must destroy instead of answering. */
  drops: WeakSet<Response>;
}

interface Outcome {
  res: Response;
  fault?: Fault;
}

export async function handleApi(env: Env, req: Request, url: URL, mount: string, path: string): Promise<Response> {
  const at = env.now();
  const auth = parseBasic(req.headers.get("authorization"));
  const tokenHash = auth.kind === "ok" ? hashToken(auth.token) : null;
  const account = tokenHash ? await findAccountByTokenHash(env.sql, tokenHash) : undefined;
  // Unknown tokens are not tracked: they only ever get 401.
  const decision =
    account && tokenHash ? await takeRateLimit(env.sql, tokenHash, account.rateLimit, at.getTime()) : undefined;
  const outcome: Outcome =
    decision && !decision.allowed
      ? { res: rateLimitedResponse(decision) }
      : await dispatch(env, req, url, mount, path, auth, account);
  const res = decision ? withHeaders(outcome.res, rateLimitHeaders(decision)) : outcome.res;
  if (!account) return res;
  await recordCall(env.sql, {
    at,
    method: req.method,
    path,
    query: url.search.replace(/^\?/, ""),
    tokenHash,
    accountId: account?.id ?? null,
    status: res.status,
    fault: outcome.fault?.kind ?? null,
  });
  return afterStore(env, req, res, outcome.fault);
}

async function dispatch(
  env: Env,
  req: Request,
  url: URL,
  mount: string,
  path: string,
  auth: BasicAuth,
  account: Account | undefined,
): Promise<Outcome> {
  const route = findRoute(path);
  if (!route) return { res: R.tomcatError(404, url.pathname) };
  // SmartBill's `instance`, whatever prefix the sandbox is mounted under.
  const instance = `/SBORO/api${path}`;
  const ep = route[req.method as keyof typeof route];
  if (!ep) {
    const allow = { Allow: Object.keys(route).join(", ") };
    return { res: R.requestShapeError(405, instance, "method_not_allowed", R.METHOD_NOT_ALLOWED, { headers: allow }) };
  }
  // [!] SmartBill answers an undecodable Basic header with a Tomcat 500 page; here it is a plain 401.
  if (auth.kind !== "ok" || !account || account.email.toLowerCase() !== auth.user.toLowerCase()) {
    return { res: R.unauthorized() };
  }
  if (!account.apiAccess) return { res: R.classicError(403, R.NO_API_ACCESS, { invoice: ep.invoiceShape }) };

  // PostgreSQL text cannot hold NUL: such a parameter can match nothing, so it is refused as malformed.
  for (const [k, v] of url.searchParams) {
    if (k.includes("\0") || v.includes("\0")) {
      return { res: R.requestShapeError(400, instance, "invalid_parameter", `Invalid value for parameter ${k}.`, { param: k }) };
    }
  }
  let body: Record<string, unknown> = {};
  if (ep.spec) {
    const parsed = await readBody(env, req, instance, ep);
    if (parsed instanceof Response) return { res: parsed };
    body = parsed;
  }
  if (ep.pdf && refusesPdfAccept(req.headers.get("accept"))) {
    const message = "The requested resource is not available in the requested format.";
    return { res: R.requestShapeError(406, instance, "invalid_accept_header", message) };
  }

  const fault = await consumeFault(env.sql, account.id, req.method, path);
  if (fault?.kind === "late_commit") {
    // The call runs later, in the background, as it would have now; the caller gets an error page.
    const run = () => runEndpoint(env, url, mount, instance, ep, { req, body, account });
    scheduleLateCommit({ accountId: account.id, method: req.method, path }, fault.params.ms ?? LATE_COMMIT_DEFAULT_MS, run);
    return { res: R.tomcatError(500), fault };
  }
  if (fault) {
    const early = await beforeStore(fault, ep, req);
    if (early) return { res: early, fault };
  }
  return { res: await runEndpoint(env, url, mount, instance, ep, { req, body, account }), fault };
}

/** The call itself, once it passed the gateway, the credentials, its shape and any fault: company, then endpoint. */
async function runEndpoint(
  env: Env,
  url: URL,
  mount: string,
  instance: string,
  ep: Endpoint,
  call: { req: Request; body: Record<string, unknown>; account: Account },
): Promise<Response> {
  const { req, body, account } = call;
  // [!] SmartBill answers an explicit `"companyVatCode": null` with a 500 JSON body; the sandbox never
  // answers malformed input with a 5xx (the `status` and `html_500` faults still produce one on purpose).
  if (ep.cif === "body" && Object.hasOwn(body, "companyVatCode") && body.companyVatCode === null) {
    const message = "Could not map property: companyVatCode.";
    return R.requestShapeError(400, instance, "json_mapping_error", message, { param: "companyVatCode" });
  }
  const cif = ep.cif === "query" ? url.searchParams.get("cif") : (body.companyVatCode as string | undefined);
  const company = cif ? await findCompanyByCif(env.sql, cif) : undefined;
  if (!company) return R.unauthorized(R.COMPANY_NOT_IN_CLOUD);
  if (company.accountId !== account.id) return R.unauthorized(R.COMPANY_NOT_FOR_USER);

  const links = makeLinks(`${url.origin}${mount}/SBORO`);
  const ctx = { sql: env.sql, now: env.now, req, query: url.searchParams, links, account, company };
  return ep.run(ctx, body);
}

async function readBody(env: Env, req: Request, instance: string, ep: Endpoint): Promise<Record<string, unknown> | Response> {
  const contentType = req.headers.get("content-type") ?? "";
  if (contentType.split(";")[0]!.trim().toLowerCase() !== "application/json") {
    const message = `Content type '${contentType}' not supported. Use application/json.`;
    return R.requestShapeError(415, instance, "unsupported_media_type", message);
  }
  const text = await readBodyText(req);
  if (!text.ok) return R.requestShapeError(413, instance, "payload_too_large", "The request body is too large.");
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.text);
  } catch {
    return R.requestShapeError(400, instance, "json_parse_error", "Error parsing JSON request input.");
  }
  const mapped = mapStrict(ep.spec!, parsed);
  const mappingError = (message: string, param?: string) =>
    R.requestShapeError(400, instance, "json_mapping_error", message, { param });
  // A `null` (or otherwise non-object) body maps to nothing an endpoint can use.
  if (mapped.ok && (mapped.value === null || typeof mapped.value !== "object")) return mappingError("Could not map request body.");
  if (mapped.ok) return mapped.value as Record<string, unknown>;
  if (!mapped.path) return mappingError("Could not map request body.");
  if (mapped.kind === "unknown") {
    // [!] SmartBill also answers a misspelled field with a Tomcat 500 page; companies can opt into that.
    const cif = (parsed as { companyVatCode?: unknown }).companyVatCode;
    const company = typeof cif === "string" ? await findCompanyByCif(env.sql, cif) : undefined;
    if (company?.unknownFieldMode === "html500") return R.tomcatError(500);
    return mappingError(`Unrecognized property: ${mapped.path}.`, mapped.path);
  }
  return mappingError(`Could not map property: ${mapped.path}.`, mapped.path);
}

/** `application/pdf` is refused unless a wildcard or octet-stream is also acceptable. */
function refusesPdfAccept(accept: string | null): boolean {
  const types = (accept ?? "").split(",").map((t) => t.split(";")[0]!.trim().toLowerCase()).filter(Boolean);
  if (!types.length) return false;
  if (types.some((t) => t === "*/*" || t === "application/*" || t === "application/octet-stream")) return false;
  return types.includes("application/pdf");
}

async function beforeStore(fault: Fault, ep: Endpoint, req: Request): Promise<Response | undefined> {
  const p = fault.params;
  switch (fault.kind) {
    case "latency":
      await sleep(p.ms ?? 0, req.signal);
      return undefined;
    case "html_500":
      return R.tomcatError(500);
    case "error_text_200":
      return R.classicError(200, p.errorText ?? "Eroare simulata de sandbox.", { invoice: ep.invoiceShape });
    case "status": {
      const status = p.status ?? 500;
      const noBody = status === 204 || status === 205 || status === 304;
      const text = typeof p.body === "string" ? p.body : JSON.stringify(p.body ?? {});
      const type =
        p.contentType ?? (typeof p.body === "string" ? "text/plain;charset=utf-8" : "application/json;charset=UTF-8");
      return new Response(noBody ? null : text, { status, headers: { "content-type": type, ...p.headers } });
    }
    default:
      return undefined;
  }
}

async function afterStore(env: Env, req: Request, res: Response, fault: Fault | undefined): Promise<Response> {
  if (fault?.kind === "timeout_after_store") {
    await sleep(fault.params.ms ?? 30_000, req.signal);
  } else if (fault?.kind === "drop_after_store") {
    if (env.canDropConnections) {
      await sleep(fault.params.ms ?? 0, req.signal);
      env.drops.add(res);
    } else {
      // Route handlers cannot reach the socket: hold the answer back long enough for any client to give up.
      await sleep(Math.max(fault.params.ms ?? 0, env.dropFallbackMs), req.signal);
    }
  }
  return res;
}

function withHeaders(res: Response, headers: Record<string, string>): Response {
  const h = new Headers(res.headers);
  for (const [k, v] of Object.entries(headers)) h.set(k, v);
  return new Response(res.body, { status: res.status, statusText: res.statusText, headers: h });
}

