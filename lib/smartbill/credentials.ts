import "server-only";
import crypto from "node:crypto";
import { inspect } from "node:util";
import { SmartBillError } from "./errors";

/** What the app stores (encrypted) per organisation and passes to every call. */
export interface SmartBillCredentials {
  /** The e-mail used to log in to SmartBill Cloud. */
  username: string;
  /** Contul meu > Integrari > API. A full-account secret: never log it, never put it in an error. */
  token: string;
  /** The issuing company's CIF exactly as configured in SmartBill (e.g. "RO12345678"). */
  cif: string;
  /** Overrides the configured base URL (the sandbox). */
  baseUrl?: string;
}

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);

function invalid(field: string, why: string): SmartBillError {
  return new SmartBillError({
    code: "credentials",
    field: `credentials.${field}`,
    originalText: why,
    variant: "bad_settings",
    retryable: false,
  });
}

function checkBaseUrl(raw: string): string {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw invalid("baseUrl", "the SmartBill address is not a URL");
  }
  // Basic auth over plain HTTP would hand the token to anyone on the path; only the local sandbox may.
  if (u.protocol !== "https:" && !(u.protocol === "http:" && LOOPBACK.has(u.hostname))) {
    throw invalid("baseUrl", "the SmartBill address must use https");
  }
  if (u.username || u.password || u.search || u.hash) throw invalid("baseUrl", "the SmartBill address must be a plain URL");
  return u.toString().replace(/\/+$/, "");
}

/**
 * Validated credentials with the token out of sight: a private field, and fixed toJSON/inspect output,
 * so logging or serialising a connection by mistake shows no secret.
 */
export class SmartBillConnection {
  readonly username: string;
  readonly cif: string;
  readonly baseUrl: string;
  /** sha256 of baseUrl+username+token: the rate-limit key shared by every process using this token. */
  readonly tokenKey: string;
  readonly #authorization: string;
  readonly #secrets: string[];

  constructor(creds: SmartBillCredentials, defaultBaseUrl: string) {
    if (typeof creds !== "object" || creds === null) throw invalid("username", "no credentials given");
    const username = typeof creds.username === "string" ? creds.username.trim() : "";
    const token = typeof creds.token === "string" ? creds.token.trim() : "";
    const cif = typeof creds.cif === "string" ? creds.cif.trim() : "";
    if (!username || username.includes(":")) throw invalid("username", "the login e-mail is missing or invalid");
    if (!token || /\s/.test(token)) throw invalid("token", "the API token is missing or invalid");
    if (!/^[A-Za-z0-9]{2,20}$/.test(cif)) throw invalid("cif", "the CIF is missing or invalid");
    this.username = username;
    this.cif = cif;
    this.baseUrl = checkBaseUrl(creds.baseUrl ?? defaultBaseUrl);
    const basic = Buffer.from(`${username}:${token}`, "utf8").toString("base64");
    this.#authorization = `Basic ${basic}`;
    this.#secrets = [token, basic, encodeURIComponent(token)].filter((s, i, a) => s.length >= 4 && a.indexOf(s) === i);
    this.tokenKey = crypto.createHash("sha256").update(`${this.baseUrl}\n${username}\n${token}`).digest("hex");
  }

  authorizationHeader(): string {
    return this.#authorization;
  }

  /** Strings a redactor must scrub from anything leaving the client. */
  secrets(): readonly string[] {
    return this.#secrets;
  }

  toJSON() {
    return { username: this.username, cif: this.cif, baseUrl: this.baseUrl, token: "[redacted]" };
  }

  [inspect.custom]() {
    return `SmartBillConnection ${inspect(this.toJSON())}`;
  }
}

export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (out.includes(s)) out = out.split(s).join("[redacted]");
  return out;
}
