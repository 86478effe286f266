import "server-only";
import http from "node:http";
import https from "node:https";
import type { Socket } from "node:net";
import { performance } from "node:perf_hooks";
import type { NetworkPhase } from "./classify";

// Reads share warm connections. Creates always open a fresh one: a stale pooled socket reset by the
// server would otherwise turn a harmless reconnect into an "ambiguous" invoice.
const pooled = { http: new http.Agent({ keepAlive: true, timeout: 5_000 }), https: new https.Agent({ keepAlive: true, timeout: 5_000 }) };
const fresh = { http: new http.Agent({ keepAlive: false }), https: new https.Agent({ keepAlive: false }) };

export interface WireRequest {
  url: URL;
  method: "GET" | "POST" | "PUT" | "DELETE";
  headers: Record<string, string>;
  body?: Buffer;
  connectTimeoutMs: number;
  timeoutMs: number;
  freshConnection: boolean;
  maxBytes: number;
  signal?: AbortSignal;
  /** Called with performance.now() once the whole request is handed to the operating system. */
  onSent?: (at: number) => void;
}

export interface WireResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  /** performance.now() when the status line arrived: SmartBill had the request by then. */
  headersAt: number;
}

/** A transport failure with only safe fields: a code and whether the request could have reached SmartBill. */
export class WireError extends Error {
  constructor(
    readonly networkCode: string,
    readonly phase: NetworkPhase,
  ) {
    super(`network ${networkCode} (${phase})`);
    this.name = "WireError";
  }
}

function codeOf(e: unknown): string {
  const c = (e as { code?: unknown } | null)?.code;
  return typeof c === "string" && /^[A-Z0-9_]{2,40}$/.test(c) ? c : "ENETWORK";
}

export function sendWire(req: WireRequest): Promise<WireResponse> {
  const isHttps = req.url.protocol === "https:";
  const lib = isHttps ? https : http;
  const agent = (req.freshConnection ? fresh : pooled)[isHttps ? "https" : "http"];
  return new Promise<WireResponse>((resolve, reject) => {
    let connected = false;
    let settled = false;
    const timers: NodeJS.Timeout[] = [];
    const phase = (): NetworkPhase => (connected ? "after_send" : "before_send");
    const finish = (err: WireError | null, res?: WireResponse) => {
      if (settled) return;
      settled = true;
      for (const t of timers) clearTimeout(t);
      req.signal?.removeEventListener("abort", onAbort);
      if (err) reject(err);
      else resolve(res!);
    };
    const fail = (code: string) => {
      const err = new WireError(code, phase());
      finish(err);
      r.destroy();
    };
    const onAbort = () => fail("EABORTED");

    const headers = { ...req.headers, "Content-Length": String(req.body?.length ?? 0) };
    let r: http.ClientRequest;
    try {
      r = lib.request(req.url, { method: req.method, headers, agent });
    } catch (e) {
      // Node's own message could quote a header; keep only its code.
      return reject(new WireError(codeOf(e), "before_send"));
    }
    timers.push(setTimeout(() => !connected && fail("ECONNECT_TIMEOUT"), req.connectTimeoutMs));
    timers.push(setTimeout(() => fail("ETIMEDOUT"), req.timeoutMs));
    if (req.signal?.aborted) {
      queueMicrotask(onAbort);
    } else {
      req.signal?.addEventListener("abort", onAbort, { once: true });
    }

    r.on("socket", (s: Socket) => {
      // A pooled socket is already connected: from here on the request may reach SmartBill.
      if (!s.connecting) connected = true;
      else s.once(isHttps ? "secureConnect" : "connect", () => (connected = true));
    });
    r.on("error", (e) => finish(new WireError(codeOf(e), phase())));
    // Node's "finish": the last byte of the request went to the OS (nothing about the server yet).
    r.on("finish", () => req.onSent?.(performance.now()));
    r.on("response", (res) => {
      const headersAt = performance.now();
      const chunks: Buffer[] = [];
      let size = 0;
      res.on("data", (c: Buffer) => {
        size += c.length;
        if (size > req.maxBytes) fail("ERESPONSE_TOO_LARGE");
        else chunks.push(c);
      });
      res.on("end", () => finish(null, { status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), headersAt }));
      res.on("aborted", () => fail("ECONNRESET"));
      res.on("error", (e) => finish(new WireError(codeOf(e), "after_send")));
    });
    r.end(req.body);
  });
}
