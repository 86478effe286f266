// The sandbox as a web-standard handler: `(Request) => Promise<Response>`, mountable under any prefix.
//   <prefix>/SBORO/api/<endpoint>        the SmartBill V1 API
//   <prefix>/SBORO/documente/…, /plata/… the document and payment links it hands out
//   <prefix>/__control/<op>              the control API (only with a control key)
import { handleApi, type Env } from "./api";
import { declaresTooMuch } from "./body";
import { handleControl } from "./control";
import type { Sql } from "./db";
import { handleDocumentLink } from "./documents";
import { handleProvision } from "./provision";
import { classicError, json, tomcatError } from "./responses";
import { ensureSandboxSchema } from "./schema";

export interface SandboxHandlerOptions {
  sql: Sql;
  /** The clock for rate limits, dates and timestamps; tests inject their own. */
  now?: () => Date;
  /** Enables /__control/* for callers presenting it in `x-sandbox-control-key`. */
  controlKey?: string;
  /** Enables /__provision (one account per school) for callers presenting it in `x-sandbox-provision-key`. */
  provisionKey?: string;
  /** Only the standalone server can drop a connection; elsewhere drop_after_store becomes a delay. */
  canDropConnections?: boolean;
  /** The delay standing in for a dropped connection (default 120 s). */
  dropFallbackMs?: number;
}

export type SandboxHandler = ((req: Request) => Promise<Response>) & {
  /** True when the server must destroy the socket instead of sending this response. */
  shouldDrop(res: Response): boolean;
};

export function createSandboxHandler(opts: SandboxHandlerOptions): SandboxHandler {
  const env: Env = {
    sql: opts.sql,
    now: opts.now ?? (() => new Date()),
    canDropConnections: opts.canDropConnections ?? false,
    dropFallbackMs: opts.dropFallbackMs ?? 120_000,
    drops: new WeakSet(),
  };
  const handler = async (req: Request): Promise<Response> => {
    // Refused before anything else is done: the declared size is enough (streamed bodies are capped later).
    if (declaresTooMuch(req)) return json(413, { error: "The request body is too large." });
    try {
      await ensureSandboxSchema(env.sql);
      const url = new URL(req.url);
      const path = url.pathname;
      const control = path.indexOf("/__control/");
      if (control >= 0) return await handleControl(env, req, path.slice(control + "/__control/".length), opts.controlKey);
      if (path.endsWith("/__provision")) return await handleProvision(env.sql, req, opts.provisionKey);
      const api = path.indexOf("/SBORO/api/");
      if (api >= 0) return await handleApi(env, req, url, path.slice(0, api), path.slice(api + "/SBORO/api".length));
      const sboro = path.indexOf("/SBORO/");
      if (sboro >= 0) return await handleDocumentLink(env, req, path.slice(sboro + "/SBORO".length));
      return tomcatError(404, path);
    } catch (e) {
      // PostgreSQL "data exception" (an amount past bigint, a value it cannot store): the request's fault.
      // Every write runs in a transaction, so nothing of it stays. [!] SmartBill's answer is not known.
      if (isDataException(e)) return classicError(400, "Valoare invalida in cerere.");
      // The class and SQLSTATE only: a database error's message carries the request's values.
      const code = typeof e === "object" && e !== null && "code" in e ? String((e as { code: unknown }).code) : "";
      console.error("[smartbill-sandbox]", e instanceof Error ? e.name : "unknown error", code);
      return tomcatError(500);
    }
  };
  return Object.assign(handler, { shouldDrop: (res: Response) => env.drops.has(res) });
}

function isDataException(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === "string" && code.startsWith("22");
}
