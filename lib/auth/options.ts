import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db";
import { users } from "@/db/schema";
import { logError } from "@/lib/log";
import { normaliseEmail, verifyPassword } from "./password";
import { lockedUntil, recordAttempt } from "./throttle";

const credentials = z.object({ email: z.string().trim().min(1), password: z.string().min(1) });

// Thrown texts reach the sign-in form as `error`; it maps them to translated messages.
export const THROTTLED_PREFIX = "throttled:";

// A thrown text lands in the sign-in page's URL (`?error=`): only our own codes may, never a database
// error's text (it carries the query and its parameters). Anything else is logged safely and made generic.
function genericErrors<A extends unknown[], R>(authorize: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  return async (...args) => {
    try {
      return await authorize(...args);
    } catch (e) {
      if (e instanceof Error && e.message.startsWith(THROTTLED_PREFIX)) throw e;
      logError("auth.authorize", e);
      throw new Error("internal");
    }
  };
}

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
  pages: { signIn: "/sign-in" },
  providers: [
    CredentialsProvider({
      name: "E-mail and password",
      credentials: { email: { type: "email" }, password: { type: "password" } },
      authorize: genericErrors(async (raw) => {
        const parsed = credentials.safeParse(raw);
        if (!parsed.success) return null;
        const email = normaliseEmail(parsed.data.email);
        const until = await lockedUntil(db, email);
        if (until) throw new Error(`${THROTTLED_PREFIX}${until.toISOString()}`);
        const [user] = await db.select().from(users).where(eq(users.email, email));
        // Compare even when the user is unknown so timing does not reveal which addresses exist.
        const ok = await verifyPassword(
          parsed.data.password,
          user?.passwordHash ?? "$2b$10$CwTycUXWue0Thq9StjUM0uJ8.jW3E3WYS8CjU0bS8d0Gmp6cvX9ei",
        );
        await recordAttempt(db, email, ok && !!user);
        if (!ok || !user) return null;
        return { id: user.id, email: user.email, name: user.name };
      }),
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) token.uid = user.id;
      return token;
    },
    session({ session, token }) {
      if (session.user && typeof token.uid === "string") session.user.id = token.uid;
      return session;
    },
  },
};
