import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { users } from "../../db/schema";
import { createTestDb, type TestDb } from "../../test/db";
import { changePassword } from "./change-password";
import { hashPassword, verifyPassword } from "./password";
import { MAX_FAILURES } from "./throttle";
import { isUserSessionLive, startUserSession } from "./user-sessions";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.drop());

async function newUser(email: string) {
  const [u] = await t.db.insert(users).values({ email, name: "U", passwordHash: await hashPassword("old-password") }).returning();
  return u!.id;
}

describe("changing the password", () => {
  it("ends every other session of the user and keeps this one", async () => {
    const userId = await newUser("change@school.ro");
    const here = await startUserSession(t.db, userId);
    const elsewhere = await startUserSession(t.db, userId);
    await changePassword(t.db, { userId, sessionId: here, clientAddress: "198.51.100.1", currentPassword: "old-password", newPassword: "new-password" });
    expect(await isUserSessionLive(t.db, { userId, sessionId: here })).toBe(true);
    expect(await isUserSessionLive(t.db, { userId, sessionId: elsewhere })).toBe(false);
    const [u] = await t.db.select().from(users).where(eq(users.id, userId));
    expect(await verifyPassword("new-password", u!.passwordHash)).toBe(true);
  });

  it("counts a wrong current password against the same lockout as sign-in", async () => {
    const userId = await newUser("guess@school.ro");
    const sessionId = await startUserSession(t.db, userId);
    const p = { userId, sessionId, clientAddress: "198.51.100.2", newPassword: "new-password" };
    for (let i = 0; i < MAX_FAILURES; i++) {
      await expect(changePassword(t.db, { ...p, currentPassword: `guess-${i}` })).rejects.toMatchObject({ code: "validation" });
    }
    await expect(changePassword(t.db, { ...p, currentPassword: "old-password" })).rejects.toMatchObject({
      code: "rate_limited",
      message: "auth.password.throttled",
    });
  });
});
