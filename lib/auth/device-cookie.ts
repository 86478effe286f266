import "server-only";
import crypto from "node:crypto";
import { cookies } from "next/headers";
import { env } from "@/lib/env";

// Known devices (OWASP, "Slow down online guessing attacks with device cookies"): a browser that signed
// in to an account holds a token bound to that account and signed with the app secret. Presented at a
// later sign-in to the same account, it lets the attempt skip the per-account and per-client lockout and
// meet a limit of its own instead (lib/auth/throttle.ts), so nobody can lock an owner out of their
// account by failing on purpose. The token is `<id>.<issued, base36 ms>.<HMAC>`; the id is what
// sign_in_attempts records. One cookie holds the tokens of the last few accounts used in the browser.

export const DEVICE_TOKEN_TTL_MS = 180 * 24 * 60 * 60 * 1000;
const MAX_TOKENS = 5;
const SEPARATOR = "~";

/** `__Host-` when served over https: the browser then refuses it without Secure, a Domain or Path=/. */
export function deviceCookieName(secure: boolean): string {
  return secure ? "__Host-bursar-device" : "bursar-device";
}

export function deviceCookieOptions(secure: boolean) {
  return { httpOnly: true, secure, sameSite: "lax" as const, path: "/", maxAge: DEVICE_TOKEN_TTL_MS / 1000 };
}

// A key of its own, derived from the app secret, so a device signature can never stand for anything else.
function key(secret: string): Buffer {
  return crypto.createHash("sha256").update(`bursar.device-cookie\0${secret}`).digest();
}

function signature(secret: string, userId: string, id: string, issued: string): Buffer {
  return crypto.createHmac("sha256", key(secret)).update(`${userId}\0${id}\0${issued}`).digest();
}

export function issueDeviceToken(secret: string, userId: string, now = new Date()): string {
  const id = crypto.randomBytes(16).toString("base64url");
  const issued = now.getTime().toString(36);
  return `${id}.${issued}.${signature(secret, userId, id, issued).toString("base64url")}`;
}

function tokensOf(cookie: string | undefined): string[] {
  return (cookie ?? "").split(SEPARATOR).filter(Boolean).slice(0, MAX_TOKENS);
}

function verify(secret: string, userId: string, token: string, now: Date): string | null {
  const [id, issued, sig, ...rest] = token.split(".");
  if (!id || !issued || !sig || rest.length || id.length > 32 || issued.length > 12) return null;
  const issuedAt = parseInt(issued, 36);
  if (!Number.isSafeInteger(issuedAt) || issuedAt > now.getTime() || now.getTime() - issuedAt > DEVICE_TOKEN_TTL_MS) return null;
  const expected = signature(secret, userId, id, issued);
  const given = Buffer.from(sig, "base64url");
  return given.length === expected.length && crypto.timingSafeEqual(given, expected) ? id : null;
}

/** The id of the cookie's token for this account, or null when it holds none that is genuine and current. */
export function knownDeviceId(secret: string, userId: string, cookie: string | undefined, now = new Date()): string | null {
  for (const token of tokensOf(cookie)) {
    const id = verify(secret, userId, token, now);
    if (id) return id;
  }
  return null;
}

/** The cookie with a fresh token for this account first: its earlier one and any beyond the last few dropped. */
export function withDeviceToken(secret: string, userId: string, cookie: string | undefined, now = new Date()): string {
  const others = tokensOf(cookie).filter((t) => !verify(secret, userId, t, now));
  return [issueDeviceToken(secret, userId, now), ...others].slice(0, MAX_TOKENS).join(SEPARATOR);
}

// The request's side, for authorize() and the password change: next-auth signs with NEXTAUTH_SECRET (the
// launcher always sets one); without it, no device is ever known. Secure like next-auth's own cookies.
function setting() {
  const { NEXTAUTH_SECRET: secret, NEXTAUTH_URL } = env();
  const secure = NEXTAUTH_URL?.startsWith("https://") ?? false;
  return secret ? { secret, secure, name: deviceCookieName(secure) } : null;
}

/** The id of this browser's known-device token for the account, if it holds a genuine one. */
export async function presentedDeviceId(userId: string, now = new Date()): Promise<string | null> {
  const s = setting();
  if (!s) return null;
  return knownDeviceId(s.secret, userId, (await cookies()).get(s.name)?.value, now);
}

/** After a successful sign-in: this browser is now a known device of the account (a fresh token). */
export async function rememberDevice(userId: string, now = new Date()): Promise<void> {
  const s = setting();
  if (!s) return;
  const jar = await cookies();
  jar.set(s.name, withDeviceToken(s.secret, userId, jar.get(s.name)?.value, now), deviceCookieOptions(s.secure));
}
