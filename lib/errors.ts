// A closed set of error codes. Every failure an action returns carries a message key (never prose):
// `errors.<code>` by default, or a more precise key from the domain; the copy lives in messages/{en,ro}.
export type AppErrorCode =
  | "unauthenticated"
  | "forbidden"
  | "not_found"
  | "validation"
  | "conflict"
  | "rate_limited"
  | "external"
  | "internal";

/** Field name → message keys (a bare name like `required` means `validation.required`). */
export type FieldErrors = Record<string, string[]>;

export interface AppErrorExtra {
  /** The domain reason beside the code: SmartBill's error code today, the invoice failure type later. */
  reason?: string;
  cause?: unknown;
}

export class AppError extends Error {
  readonly reason: string | undefined;

  constructor(
    public readonly code: AppErrorCode,
    /** A message key, e.g. `team.lastAdmin` or `smartbill.errors.credentials`. */
    message: string,
    public readonly fieldErrors?: FieldErrors,
    /** Extra text shown under the message as it came, e.g. SmartBill's original (Romanian) error. */
    public readonly detail?: string,
    extra: AppErrorExtra = {},
  ) {
    super(message, extra.cause === undefined ? undefined : { cause: extra.cause });
    this.name = "AppError";
    this.reason = extra.reason;
  }
}

export interface ActionFailure {
  ok: false;
  code: AppErrorCode;
  /** Always a message key. */
  error: string;
  reason?: string;
  fieldErrors?: FieldErrors;
  detail?: string;
  /** Set on `internal` failures: the id under which the server logged it, for the user to quote. */
  requestId?: string;
}

export type ActionResult<T> = { ok: true; data: T } | ActionFailure;
