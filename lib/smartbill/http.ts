import "server-only";
import type { IncomingHttpHeaders } from "node:http";
import { performance } from "node:perf_hooks";
import { classifyNetworkFailure, classifyResponse, type CallKind } from "./classify";
import type { SmartBillConfig } from "./config";
import { redactSecrets, SmartBillConnection, type SmartBillCredentials } from "./credentials";
import { SmartBillError } from "./errors";
import type { SmartBillLogger } from "./log";
import { blockAfterResponse, retryDelayMs } from "./http-policy";
import { sleep, type CallPriority, type SmartBillRateLimiter, type Slot } from "./rate-limit";
import { sendWire, WireError, type WireResponse } from "./wire";

export interface CallOptions {
  /** Longest wait for a rate-limit slot (default: SMARTBILL_MAX_WAIT_MS); then `rate_limited` with `until`. */
  maxWaitMs?: number;
  signal?: AbortSignal;
  /** Who waits for the answer (default "interactive": a person); see rate-limit.ts. */
  priority?: CallPriority;
  /** Date.now() when the work this call belongs to began: a background call ages from then. */
  since?: number;
}

export interface RequestSpec {
  /** "invoices.create": names the call in logs and errors. */
  operation: string;
  method: "GET" | "POST" | "PUT" | "DELETE";
  path: string;
  /** Added after `cif`; undefined values are left out. */
  query?: Record<string, string | undefined>;
  body?: Record<string, unknown>;
  /** Puts the credentials' CIF first in the body as companyVatCode. */
  companyInBody?: boolean;
  kind: CallKind;
  /** PDFs: `Accept: application/octet-stream` (`application/pdf` gets a 406). */
  binary?: boolean;
  /** GET /invoice/pdf answers an unknown invoice with a 502 nginx page. */
  notFoundOn502?: boolean;
}

export interface SmartBillResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** Parsed JSON, or undefined for a non-JSON body. */
  json: unknown;
}

const MAX_JSON_BYTES = 2 * 1024 * 1024;
const MAX_PDF_BYTES = 25 * 1024 * 1024;
const MAX_SLACK_MISSES = 3;
const SLOW_ANSWER_NARROW_MS = 1_000;

export class SmartBillTransport {
  constructor(
    readonly config: SmartBillConfig,
    readonly limiter: SmartBillRateLimiter,
    readonly logger: SmartBillLogger,
  ) {}

  connect(creds: SmartBillCredentials): SmartBillConnection {
    return new SmartBillConnection(creds, this.config.baseUrl);
  }

  /** Sends one call through the shared limiter; retries only reads and idempotent PUTs. */
  async request(creds: SmartBillCredentials, spec: RequestSpec, opts: CallOptions = {}): Promise<SmartBillResponse> {
    const conn = this.connect(creds);
    const { config } = this;
    const repeatable = spec.kind === "read" || spec.kind === "idempotent";
    const attempts = repeatable ? 1 + config.maxRetries : 1;
    const timeoutMs = spec.kind === "create" || spec.kind === "delete" ? config.createTimeoutMs : config.timeoutMs;
    const holdMs = config.rateLimit.sendSlackMs + timeoutMs + config.rateLimit.lateArrivalMs;
    const waitUntil = Date.now() + (opts.maxWaitMs ?? config.maxWaitMs);
    const url = new URL(conn.baseUrl + spec.path);
    if (spec.method !== "POST") url.searchParams.set("cif", conn.cif);
    for (const [k, v] of Object.entries(spec.query ?? {})) if (v !== undefined) url.searchParams.set(k, v);
    const payload = spec.companyInBody ? { companyVatCode: conn.cif, ...spec.body } : spec.body;
    const body = payload === undefined ? undefined : Buffer.from(JSON.stringify(payload), "utf8");
    const headers: Record<string, string> = {
      Authorization: conn.authorizationHeader(),
      Accept: spec.binary ? "application/octet-stream" : "application/json",
      "User-Agent": "Bursar-SmartBill/1",
      ...(body ? { "Content-Type": "application/json" } : {}),
    };
    const secrets = conn.secrets();
    const summary = { op: spec.operation, method: spec.method, path: spec.path, key: conn.tokenKey.slice(0, 12) };

    const asked0 = Date.now();
    let lastError: SmartBillError | undefined;
    for (let attempt = 1, slackMisses = 0; attempt <= attempts; attempt++) {
      if (attempt > 1) await sleep(retryDelayMs(attempt - 1, config.retryBaseMs));
      const asked = performance.now();
      const slot = await this.acquire(conn, spec.operation, { holdMs, waitUntil, priority: opts.priority, since: opts.since ?? asked0 });
      const waitedMs = Math.round(performance.now() - asked);
      // A slot is only safe if used promptly (the event loop may have stalled): otherwise take another.
      if (performance.now() - slot.grantedFrom > config.rateLimit.sendSlackMs) {
        await this.settle(slot, { sent: false }, secrets);
        if (++slackMisses > MAX_SLACK_MISSES) throw new SmartBillError({ code: "unavailable", operation: spec.operation, networkCode: "ESTALLED" });
        attempt--;
        continue;
      }
      let res: WireResponse;
      // An answer slower than this: the call's slot is narrowed to its send time + late arrival.
      let narrowing: NodeJS.Timeout | undefined;
      let over = false;
      const onSent = (at: number) => {
        if (!over) narrowing = setTimeout(() => void this.narrow(slot, at, secrets), SLOW_ANSWER_NARROW_MS);
      };
      try {
        res = await sendWire({
          onSent,
          url,
          method: spec.method,
          headers,
          ...(body ? { body } : {}),
          connectTimeoutMs: config.connectTimeoutMs,
          timeoutMs,
          freshConnection: !repeatable,
          maxBytes: spec.binary ? MAX_PDF_BYTES : MAX_JSON_BYTES,
          ...(opts.signal ? { signal: opts.signal } : {}),
        });
      } catch (caught) {
        over = true;
        clearTimeout(narrowing);
        // Anything unexpected is treated as "may have been sent": the safe reading for a create.
        const e = caught instanceof WireError ? caught : new WireError("ENETWORK", "after_send");
        await this.settle(slot, { sent: e.phase === "after_send" }, secrets);
        lastError = classifyNetworkFailure({ phase: e.phase, networkCode: e.networkCode, kind: spec.kind, operation: spec.operation });
        this.logger.log("warn", { event: "smartbill.network_error", ...summary, attempt, waitedMs, phase: e.phase, networkCode: e.networkCode, code: lastError.code }, secrets);
        if (repeatable && lastError.retryable && e.networkCode !== "EABORTED") continue;
        throw lastError;
      }
      over = true;
      clearTimeout(narrowing);
      const ms = Math.round(res.headersAt - asked - waitedMs);
      // Block before settling: a settled 429 must never be visible without its block.
      const block = blockAfterResponse(res.status, res.headers, config.rateLimit, Date.now());
      let until: Date | undefined;
      if (block) until = await this.block(conn, block.forMs, block.reason, secrets);
      await this.settle(slot, { sent: true, answeredAt: res.headersAt, httpStatus: res.status }, secrets);
      this.logger.log(res.status < 400 ? "info" : "warn", { event: "smartbill.call", ...summary, attempt, status: res.status, ms, waitedMs }, secrets);

      if (res.status === 429) {
        lastError = new SmartBillError({ code: "rate_limited", httpStatus: 429, operation: spec.operation, ...(until ? { until } : {}) });
        // The wait happens in acquire(), bounded by maxWaitMs; a create is never re-sent.
        if (repeatable) continue;
        throw lastError;
      }
      const json = spec.binary && !looksLikeJson(res) ? undefined : parseJson(res.body, secrets);
      if (spec.notFoundOn502 && res.status === 502) {
        throw new SmartBillError({ code: "not_found", httpStatus: 502, operation: spec.operation });
      }
      const err = classifyResponse({ status: res.status, json, kind: spec.kind, operation: spec.operation });
      if (!err) return { status: res.status, headers: res.headers, body: res.body, json };
      this.logger.log("warn", { event: "smartbill.error", ...summary, attempt, status: res.status, code: err.code, field: err.field, text: err.originalText }, secrets);
      lastError = err;
      if (repeatable && err.retryable && err.code === "unavailable") continue;
      throw err;
    }
    throw lastError ?? new SmartBillError({ code: "unavailable", operation: spec.operation });
  }

  private async acquire(
    conn: SmartBillConnection,
    operation: string,
    w: { holdMs: number; waitUntil: number; priority: CallPriority | undefined; since: number },
  ): Promise<Slot> {
    try {
      return await this.limiter.acquire(conn.tokenKey, {
        maxWaitMs: Math.max(0, w.waitUntil - Date.now()),
        holdMs: w.holdMs,
        operation,
        since: w.since,
        ...(w.priority ? { priority: w.priority } : {}),
      });
    } catch (e) {
      if (e instanceof SmartBillError) throw e;
      // Our own database failed: nothing was sent to SmartBill.
      this.logger.log("error", { event: "smartbill.limiter_error", operation, error: String((e as Error)?.message ?? e) }, conn.secrets());
      throw new SmartBillError({ code: "unavailable", operation, originalText: "rate limiter unavailable", retryable: true });
    }
  }

  private async narrow(slot: Slot, sentAt: number, secrets: readonly string[]) {
    try {
      await this.limiter.sent(slot, sentAt);
    } catch (e) {
      // The slot keeps its longer, safe hold: only throughput is lost.
      this.logger.log("warn", { event: "smartbill.limiter_narrow_failed", error: String((e as Error)?.message ?? e) }, secrets);
    }
  }

  // Book-keeping must never turn an answered call (maybe a new invoice) into a failure.
  private async settle(slot: Slot, outcome: Parameters<SmartBillRateLimiter["settle"]>[1], secrets: readonly string[]) {
    try {
      await this.limiter.settle(slot, outcome);
    } catch (e) {
      this.logger.log("error", { event: "smartbill.limiter_error", stage: "settle", error: String((e as Error)?.message ?? e) }, secrets);
    }
  }

  private async block(conn: SmartBillConnection, forMs: number, reason: "429" | "remaining_zero", secrets: readonly string[]) {
    try {
      const until = await this.limiter.block(conn.tokenKey, forMs, reason);
      this.logger.log("warn", { event: "smartbill.blocked", key: conn.tokenKey.slice(0, 12), reason, until }, secrets);
      return until;
    } catch (e) {
      this.logger.log("error", { event: "smartbill.limiter_error", stage: "block", error: String((e as Error)?.message ?? e) }, secrets);
      return new Date(Date.now() + forMs);
    }
  }
}

function looksLikeJson(res: WireResponse): boolean {
  return /json/i.test(String(res.headers["content-type"] ?? "")) || res.body.subarray(0, 1).toString() === "{";
}

/** Scrubbed of the token before anything can quote it; undefined when the body is not JSON. */
function parseJson(body: Buffer, secrets: readonly string[]): unknown {
  const text = redactSecrets(body.toString("utf8"), secrets).trim();
  if (!text.startsWith("{") && !text.startsWith("[")) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
