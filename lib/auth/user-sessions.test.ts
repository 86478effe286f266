// Sessions end on the server: the JWT names a user_sessions row, and next-auth's jwt callback (run on
// every getServerSession and /api/auth/session) refuses it once revoked, idle or too old.
import { eq } from "drizzle-orm";
import type { NextAuthOptions } from "next-auth";
import type { JWT } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { users, userSessions } from "../../db/schema";
import { createTestDb, type TestDb } from "../../test/db";
import { endOtherUserSessions, isUserSessionLive, SESSION_IDLE_MS, SESSION_MAX_AGE_MS, SESSION_TOUCH_MS } from "./user-sessions";

let t: TestDb;
let authOptions: NextAuthOptions;
let userId: string;

type JwtCallback = (p: { token: JWT; user?: { id: string } }) => Promise<JWT>;
const jwt = (p: { token: JWT; user?: { id: string } }) => (authOptions.callbacks!.jwt as unknown as JwtCallback)(p);

async function signInToken(): Promise<JWT> {
  return jwt({ token: { email: "s@school.ro" }, user: { id: userId } });
}

beforeAll(async () => {
  t = await createTestDb({ app: true });
  const [u] = await t.db.insert(users).values({ email: "s@school.ro", name: "S", passwordHash: "x" }).returning();
  userId = u!.id;
  ({ authOptions } = await import("./options"));
});
afterAll(() => t.drop());

describe("server-side sessions", () => {
  it("a token stops working once its browser signs out, even if the cookie was copied", async () => {
    const token = await signInToken();
    expect(token.sid).toEqual(expect.any(String));
    await expect(jwt({ token })).resolves.toMatchObject({ uid: userId, sid: token.sid });
    await authOptions.events!.signOut!({ token, session: undefined as never });
    await expect(jwt({ token })).rejects.toThrow("session ended");
  });

  it("refuses a token without a session id (cookies from before sessions were kept)", async () => {
    await expect(jwt({ token: { uid: userId } })).rejects.toThrow("session ended");
  });

  it("refuses another user's session id", async () => {
    const token = await signInToken();
    const [other] = await t.db.insert(users).values({ email: "o@school.ro", name: "O", passwordHash: "x" }).returning();
    await expect(jwt({ token: { ...token, uid: other!.id } })).rejects.toThrow("session ended");
  });

  it("ends after the idle timeout and after the maximum lifetime, even when used", async () => {
    const token = await signInToken();
    const p = { userId, sessionId: token.sid! };
    const start = Date.now();
    expect(await isUserSessionLive(t.db, p, new Date(start + SESSION_IDLE_MS + 1000))).toBe(false);
    // Used every 90 minutes: never idle, but over after 12 hours.
    let at = start;
    while (at + 90 * 60_000 < start + SESSION_MAX_AGE_MS) {
      at += 90 * 60_000;
      expect(await isUserSessionLive(t.db, p, new Date(at))).toBe(true);
    }
    expect(await isUserSessionLive(t.db, p, new Date(start + SESSION_MAX_AGE_MS + 1000))).toBe(false);
  });

  it("writes last-seen at most once a minute", async () => {
    const token = await signInToken();
    const p = { userId, sessionId: token.sid! };
    const seen = async () => (await t.db.select().from(userSessions).where(eq(userSessions.id, p.sessionId)))[0]!.lastSeenAt;
    const first = await seen();
    expect(await isUserSessionLive(t.db, p, new Date(first.getTime() + SESSION_TOUCH_MS - 1000))).toBe(true);
    expect(await seen()).toEqual(first);
    const later = new Date(first.getTime() + SESSION_TOUCH_MS + 1000);
    expect(await isUserSessionLive(t.db, p, later)).toBe(true);
    expect(await seen()).toEqual(later);
  });

  it("a password change ends every other session of the user", async () => {
    const mine = await signInToken();
    const stolen = await signInToken();
    await endOtherUserSessions(t.db, { userId, keepSessionId: mine.sid });
    await expect(jwt({ token: mine })).resolves.toMatchObject({ sid: mine.sid });
    await expect(jwt({ token: stolen })).rejects.toThrow("session ended");
  });
});
