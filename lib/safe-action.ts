import "server-only";
import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import type { Role } from "@/db/schema";
import { AppError, type ActionResult, type AppErrorCode, type FieldErrors } from "./errors";
import { getCurrentMember, type CurrentMember } from "./auth/session";
import { can, type Permission } from "./auth/permissions";

// Every export of a "use server" file is a public POST endpoint. Each goes through one of these two
// wrappers: authenticate → validate (zod) → authorize (role; the organisation always comes from the
// session, never from input) → run → one result shape.

const SAFE_MESSAGES: Record<AppErrorCode, string> = {
  unauthenticated: "Your session has ended. Please sign in again.",
  forbidden: "Your role does not allow this action.",
  not_found: "That item no longer exists.",
  validation: "Please correct the highlighted fields.",
  conflict: "Someone else changed this in the meantime. Reload and try again.",
  rate_limited: "Too many attempts. Please wait and try again.",
  external: "An external service did not answer as expected.",
  internal: "Something went wrong on our side. Nothing was saved; please try again.",
};

function fail<T>(code: AppErrorCode, error?: string, fieldErrors?: FieldErrors, detail?: string): ActionResult<T> {
  return { ok: false, code, error: error ?? SAFE_MESSAGES[code], ...(fieldErrors ? { fieldErrors } : {}), ...(detail ? { detail } : {}) };
}

function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_form";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

async function execute<T>(run: () => Promise<T>, label: string): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await run() };
  } catch (e) {
    unstable_rethrow(e);
    if (e instanceof AppError) return fail(e.code, e.message, e.fieldErrors, e.detail);
    console.error(`[action ${label}] failed:`, e instanceof Error ? e.message : "unknown error");
    return fail("internal");
  }
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
    const parsed = opts.schema.safeParse(input);
    if (!parsed.success) return fail("validation", undefined, fieldErrorsOf(parsed.error));
    const allowed = "permission" in opts ? can(member.role, opts.permission) : opts.roles.includes(member.role);
    if (!allowed) return fail("forbidden");
    return execute(() => run(parsed.data, { ...member, orgId: member.org.id }), opts.name);
  };
}

// For the few endpoints a visitor without a session may call (sign-up, accepting an invitation).
export function publicAction<S extends z.ZodType, T>(
  opts: { name: string; schema: S },
  run: (input: z.output<S>) => Promise<T>,
): (input: z.input<S>) => Promise<ActionResult<T>> {
  return async (input) => {
    const parsed = opts.schema.safeParse(input);
    if (!parsed.success) return fail("validation", undefined, fieldErrorsOf(parsed.error));
    return execute(() => run(parsed.data), opts.name);
  };
}
