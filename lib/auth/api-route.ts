import "server-only";
import { NextResponse } from "next/server";
import { escapeHtml } from "@/lib/escape-html";
import { getLocale, getT } from "@/lib/i18n";
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

/**
 * For a route a browser opens in a tab (a PDF link): a person gets a short page in their language, a
 * program the JSON of apiError. With `retryAfterSec` the page loads itself again after that long.
 */
export async function apiErrorPage(req: Request, status: number, key: string, opts: { detail?: string; retryAfterSec?: number } = {}) {
  const extra = opts.detail ? { detail: opts.detail } : {};
  if (!(req.headers.get("accept") ?? "").includes("text/html")) {
    const res = await apiError(status, key, extra);
    if (opts.retryAfterSec) res.headers.set("retry-after", String(opts.retryAfterSec));
    return res;
  }
  const [t, locale] = await Promise.all([getT(), getLocale()]);
  const refresh = opts.retryAfterSec ? `<meta http-equiv="refresh" content="${opts.retryAfterSec}">` : "";
  const detail = opts.detail ? `<p>${escapeHtml(opts.detail)}</p>` : "";
  const html = `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">${refresh}<title>Bursar</title></head><body><main role="alert"><p>${escapeHtml(t(key as never))}</p>${detail}</main></body></html>`;
  return new NextResponse(html, {
    status,
    headers: { ...NO_STORE, "content-type": "text/html; charset=utf-8", ...(opts.retryAfterSec ? { "retry-after": String(opts.retryAfterSec) } : {}) },
  });
}
