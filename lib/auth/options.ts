import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { db } from "@/db";
import { getUserCredentialsByEmail } from "@/db/queries/users";
import { safeRedirectUrl } from "./callback-url";
import { clientAddressFrom } from "./client-address";
import { logError } from "@/lib/log";
import { DEMO_ACCOUNT_OFF, demoAccountRefusedLine, isDisabledDemoAccount } from "./demo-accounts";
import { presentedDeviceId, rememberDevice } from "./device-cookie";
import { normaliseEmail, verifyPassword } from "./password";
import { emailField } from "./schemas";
import { checkPassword, ThrottledError } from "./throttle";
import { endUserSession, isUserSessionLive, SESSION_MAX_AGE_MS, startUserSession } from "./user-sessions";

// The sign-up form's e-mail rule: NUL and other control characters never reach the database.
const credentials = z.object({ email: emailField, password: z.string().min(1).max(1000) });

// Thrown texts reach the sign-in form as `error` (`throttled:<account|client>:<ISO time>`, `demo-off`);
// it maps them to translated messages.
export const THROTTLED_PREFIX = "throttled:";

// Compared against when the address is unknown, so timing does not reveal which addresses exist.
const DUMMY_HASH = "$2b$10$CwTycUXWue0Thq9StjUM0uJ8.jW3E3WYS8CjU0bS8d0Gmp6cvX9ei";

// Compared by name: class names do not survive minification.
const SESSION_ENDED = "SessionEndedError";
class SessionEndedError extends Error {
  constructor() {
    super("session ended");
    this.name = SESSION_ENDED;
  }
}

export const authOptions: NextAuthOptions = {
  // The cookie's own lifetime; the session row (lib/auth/user-sessions.ts) also ends it when idle,
  // signed out or after a password change.
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_MS / 1000 },
  pages: { signIn: "/sign-in" },
  providers: [
    CredentialsProvider({
      name: "E-mail and password",
      credentials: { email: { type: "email" }, password: { type: "password" } },
      async authorize(raw, req) {
        const parsed = credentials.safeParse(raw);
        if (!parsed.success) return null;
        const email = normaliseEmail(parsed.data.email);
        try {
          const user = await getUserCredentialsByEmail(db, email);
          // A browser that signed in to this account before is limited on its own (lib/auth/throttle.ts).
          const deviceId = user ? await presentedDeviceId(user.id) : null;
          const ok = await checkPassword(db, { email, clientAddress: clientAddressFrom(req?.headers), deviceId }, async () => {
            const matches = await verifyPassword(parsed.data.password, user?.passwordHash ?? DUMMY_HASH);
            return matches && !!user;
          });
          if (!ok || !user) return null;
          // Checked after the password, so only the published password (under the lockout) gets the log line.
          if (isDisabledDemoAccount(user.email)) {
            console.warn(demoAccountRefusedLine(user.email));
            throw new Error(DEMO_ACCOUNT_OFF);
          }
          await rememberDevice(user.id);
          return { id: user.id, email: user.email, name: user.name };
        } catch (e) {
          if (e instanceof ThrottledError) throw new Error(`${THROTTLED_PREFIX}${e.scope}:${e.until.toISOString()}`);
          if (e instanceof Error && e.message === DEMO_ACCOUNT_OFF) throw e;
          // next-auth puts the message in the error URL: never a database error's text or parameters.
          logError("auth.authorize", e);
          throw new Error("internal");
        }
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) return { ...token, uid: user.id, sid: await startUserSession(db, user.id) };
      // Throwing makes next-auth drop the session and clear the cookie.
      if (!token.uid || !token.sid) throw new SessionEndedError();
      if (!(await isUserSessionLive(db, { userId: token.uid, sessionId: token.sid }))) throw new SessionEndedError();
      return token;
    },
    session({ session, token }) {
      if (session.user && typeof token.uid === "string") session.user.id = token.uid;
      if (typeof token.sid === "string") session.sid = token.sid;
      return session;
    },
    redirect({ url, baseUrl }) {
      return safeRedirectUrl(url, baseUrl);
    },
  },
  events: {
    async signOut({ token }) {
      if (token?.uid && token.sid) await endUserSession(db, { userId: token.uid, sessionId: token.sid });
    },
  },
  logger: {
    error(code, metadata) {
      // An ended session is an expected outcome, not an error worth a stack trace.
      const err = (metadata instanceof Error ? metadata : (metadata as { error?: unknown } | undefined)?.error) as
        | { name?: string; message?: string }
        | undefined;
      if (err?.name === SESSION_ENDED) return;
      console.error(`[next-auth] ${code}`, err?.name ?? "");
    },
    warn(code) {
      console.warn(`[next-auth] ${code}`);
    },
    debug() {},
  },
};
