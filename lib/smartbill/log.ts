import "server-only";
import { redactSecrets } from "./credentials";

export type LogLevel = "silent" | "error" | "warn" | "info" | "debug";
type Emitting = Exclude<LogLevel, "silent">;

const RANK: Record<LogLevel, number> = { silent: 0, error: 1, warn: 2, info: 3, debug: 4 };
// Keys whose values are never written, whatever they hold.
const SECRET_KEY = /token|authori[sz]ation|password|secret|cookie|^auth$/i;

export interface LogRecord {
  event: string;
  [key: string]: unknown;
}

export type LogSink = (level: Emitting, line: string) => void;

export interface SmartBillLogger {
  readonly level: LogLevel;
  /** `secrets`: strings to scrub wherever they appear (the token and its Basic-auth encoding). */
  log(level: Emitting, record: LogRecord, secrets?: readonly string[]): void;
}

function scrub(value: unknown, secrets: readonly string[], depth: number): unknown {
  if (typeof value === "string") return redactSecrets(value, secrets);
  if (typeof value !== "object" || value === null) return value;
  if (depth > 4) return "[…]";
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.slice(0, 20).map((v) => scrub(v, secrets, depth + 1));
  const json = (value as { toJSON?: () => unknown }).toJSON;
  if (typeof json === "function") return scrub(json.call(value), secrets, depth + 1);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEY.test(k) ? "[redacted]" : scrub(v, secrets, depth + 1);
  return out;
}

/** One JSON line per record; the final string is scrubbed again so nothing slips through a nested shape. */
export function formatLogRecord(record: LogRecord, secrets: readonly string[] = []): string {
  const line = JSON.stringify(scrub({ ...record, ts: new Date().toISOString() }, secrets, 0));
  return redactSecrets(line, secrets);
}

const consoleSink: LogSink = (level, line) => {
  const out = `[smartbill] ${line}`;
  if (level === "error") console.error(out);
  else if (level === "warn") console.warn(out);
  else if (level === "info") console.info(out);
  else console.debug(out);
};

export function createSmartBillLogger(level: LogLevel = "info", sink: LogSink = consoleSink): SmartBillLogger {
  return {
    level,
    log(at, record, secrets = []) {
      if (RANK[at] > RANK[level]) return;
      try {
        sink(at, formatLogRecord(record, secrets));
      } catch {
        // Logging must never break a SmartBill call.
      }
    },
  };
}
