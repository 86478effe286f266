import "server-only";
import { NextResponse } from "next/server";
import { getT } from "@/lib/i18n";
import { can, type Permission } from "./permissions";
import { getCurrentMember, type CurrentMember } from "./session";

// For route handlers under /api, which the proxy does not cover: each checks the session, the role and
// the organisation itself. Answers are JSON `{ error: <message key>, message }` and never cached.

export const NO_STORE = { "cache-control": "no-store" } as const;

/** A JSON error answer: the message key and its text in the reader's language, plus any extra fields. */
export async function apiError(status: number, key: string, extra: Record<string, unknown> = {}) {
  const t = await getT();
  return NextResponse.json({ error: key, message: t(key as never), ...extra }, { status, headers: NO_STORE });
}

/** The signed-in member who may `permission`, or the 401 / 403 answer to send instead. */
export async function apiMember(permission: Permission): Promise<{ member: CurrentMember; denied?: never } | { member?: never; denied: NextResponse }> {
  const member = await getCurrentMember();
  if (!member) return { denied: await apiError(401, "errors.unauthenticated") };
  if (!can(member.role, permission)) return { denied: await apiError(403, "errors.forbidden") };
  return { member };
}
