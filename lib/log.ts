import "server-only";
import { AppError } from "./errors";

// Server error logging that never writes user input. A database error's message carries the query and
// its parameters (drizzle's "Failed query: … params: …", postgres.js' messages quote values), and most
// other messages may quote input, so only the class, the codes (SQLSTATE, network code) and the stack
// frames are written; a message only for our own classes whose messages are keys or scrubbed by design.

const SAFE_MESSAGE_CLASSES = new Set(["AppError", "VerifyError", "SmartBillError"]);
const MAX_CAUSES = 4;

// A last line of defence for anything that slips into a frame or a safe message.
const SECRET_PATTERNS: [RegExp, string][] = [
  [/\b(Basic|Bearer)\s+[A-Za-z0-9+/=._~-]{6,}/g, "$1 [redacted]"],
  [/\$2[aby]\$\d\d\$[./A-Za-z0-9]{53}/g, "[redacted-hash]"],
  [/((?:token|password|secret|authorization|cookie)["']?\s*[:=]\s*["']?)[^\s"',;&]+/gi, "$1[redacted]"],
];

export function redactText(text: string): string {
  return SECRET_PATTERNS.reduce((out, [re, by]) => out.replace(re, by), text);
}

export interface LoggedError {
  class: string;
  code?: string;
  message?: string;
  stack?: string[];
  cause?: LoggedError;
}

function className(e: object): string {
  const ctor = (e as { constructor?: { name?: unknown } }).constructor;
  const name = typeof ctor?.name === "string" && ctor.name ? ctor.name : "Object";
  return name === "Error" && e instanceof Error && e.name !== "Error" ? e.name : name;
}

/** Only the "at …" lines: the first line of a stack repeats the message. */
function framesOf(stack: unknown): string[] | undefined {
  if (typeof stack !== "string") return undefined;
  const frames = stack
    .split("\n")
    .filter((l) => /^\s+at /.test(l))
    .slice(0, 12)
    .map((l) => redactText(l.trim()));
  return frames.length ? frames : undefined;
}

export function describeError(e: unknown, depth = 0): LoggedError {
  if (typeof e !== "object" || e === null) return { class: typeof e };
  const cls = className(e);
  const rec = e as { code?: unknown; errno?: unknown; stack?: unknown; message?: unknown; cause?: unknown };
  const code = typeof rec.code === "string" || typeof rec.code === "number" ? String(rec.code) : undefined;
  const out: LoggedError = { class: cls };
  if (code && /^[A-Za-z0-9_.-]{1,40}$/.test(code)) out.code = code;
  if ((SAFE_MESSAGE_CLASSES.has(cls) || e instanceof AppError) && typeof rec.message === "string") out.message = redactText(rec.message).slice(0, 500);
  const stack = framesOf(rec.stack);
  if (stack) out.stack = stack;
  if (rec.cause !== undefined && depth < MAX_CAUSES) out.cause = describeError(rec.cause, depth + 1);
  return out;
}

/** One JSON line on stderr: the event (e.g. "action.updateProfile"), the request id and the error's shape. */
export function logError(event: string, e: unknown, context: { requestId?: string } = {}): void {
  try {
    console.error(`[bursar] ${JSON.stringify({ level: "error", event, ...context, error: describeError(e), ts: new Date().toISOString() })}`);
  } catch {
    // Logging must never turn a handled failure into another one.
  }
}
