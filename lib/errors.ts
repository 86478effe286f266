// A closed set of error codes; each maps to user-safe text at the boundary (lib/safe-action.ts).
export type AppErrorCode =
  | "unauthenticated"
  | "forbidden"
  | "not_found"
  | "validation"
  | "conflict"
  | "rate_limited"
  | "external"
  | "internal";

export type FieldErrors = Record<string, string[]>;

export class AppError extends Error {
  constructor(
    public readonly code: AppErrorCode,
    message: string,
    public readonly fieldErrors?: FieldErrors,
    /** Extra text shown under the message, e.g. SmartBill's original (Romanian) error. */
    public readonly detail?: string,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; code: AppErrorCode; error: string; fieldErrors?: FieldErrors; detail?: string };
