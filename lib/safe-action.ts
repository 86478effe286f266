import "server-only";
import { randomUUID } from "node:crypto";
import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import type { Role } from "@/db/schema";
import { en } from "@/messages";
import { AppError, type ActionFailure, type ActionResult, type AppErrorCode, type FieldErrors } from "./errors";
import { logError } from "./log";
import { getCurrentMember, type CurrentMember } from "./auth/session";
import { can, type Permission } from "./auth/permissions";

// Every export of a "use server" file is a public POST endpoint. Each goes through one of these two
// wrappers: authenticate → authorize (role; the organisation always comes from the session, never from
// input) → validate (zod) → run → one result shape. The role is checked before the input so a member
// without the right learns nothing about an action's schema. `error` is always a message key.

function fail(code: AppErrorCode, error?: string, more: Omit<ActionFailure, "ok" | "code" | "error"> = {}): ActionFailure {
  const extra = Object.fromEntries(Object.entries(more).filter(([, v]) => v !== undefined && v !== null));
  return { ok: false, code, error: error ?? `errors.${code}`, ...extra };
}

function hasKey(path: string): boolean {
  let node: unknown = en;
  for (const part of path.split(".")) {
    if (typeof node !== "object" || node === null || !(part in node)) return false;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === "string";
}

/** Schema messages are keys (bare ones under `validation.`); zod's own English becomes a generic key. */
export function messageKeyOf(message: string): string {
  if (message.includes(".") && hasKey(message)) return message;
  if (hasKey(`validation.${message}`)) return message;
  return "errors.invalidField";
}

function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  // A hostile body can carry thousands of issues; the first few are all a form can show.
  for (const issue of error.issues.slice(0, 50)) {
    const key = issue.path.map(String).join(".") || "_form";
    (out[key] ??= []).push(messageKeyOf(issue.message));
  }
  return out;
}

async function execute<T>(run: () => Promise<T>, name: string): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await run() };
  } catch (e) {
    unstable_rethrow(e);
    if (e instanceof AppError) {
      return fail(e.code, e.message, { fieldErrors: e.fieldErrors, detail: e.detail, reason: e.reason });
    }
    // Never the error's message: a database error's carries the query and its parameters.
    const requestId = randomUUID();
    logError(`action.${name}`, e, { requestId });
    return fail("internal", undefined, { requestId });
  }
}

function validate<S extends z.ZodType>(schema: S, input: unknown): { ok: true; data: z.output<S> } | { ok: false; failure: ActionFailure } {
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, data: parsed.data };
  return { ok: false, failure: fail("validation", undefined, { fieldErrors: fieldErrorsOf(parsed.error) }) };
}

export interface ActionContext extends CurrentMember {
  orgId: string;
}

export function memberAction<S extends z.ZodType, T>(
  opts: { name: string; schema: S; permission: Permission } | { name: string; schema: S; roles: readonly Role[] },
  run: (input: z.output<S>, ctx: ActionContext) => Promise<T>,
): (input: z.input<S>) => Promise<ActionResult<T>> {
  return async (input) => {
    const member = await getCurrentMember();
    if (!member) return fail("unauthenticated");
    const allowed = "permission" in opts ? can(member.role, opts.permission) : opts.roles.includes(member.role);
    if (!allowed) return fail("forbidden");
    const parsed = validate(opts.schema, input);
    if (!parsed.ok) return parsed.failure;
    return execute(() => run(parsed.data, { ...member, orgId: member.org.id }), opts.name);
  };
}

// For the few endpoints a visitor without a session may call (sign-up, accepting an invitation).
export function publicAction<S extends z.ZodType, T>(
  opts: { name: string; schema: S },
  run: (input: z.output<S>) => Promise<T>,
): (input: z.input<S>) => Promise<ActionResult<T>> {
  return async (input) => {
    const parsed = validate(opts.schema, input);
    if (!parsed.ok) return parsed.failure;
    return execute(() => run(parsed.data), opts.name);
  };
}
