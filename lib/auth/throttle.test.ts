import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signInAttempts } from "../../db/schema";
import { createTestDb, type TestDb } from "../../test/db";
import { lockedUntil, MAX_FAILURES, recordAttempt, WINDOW_MS } from "./throttle";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.drop());

describe("sign-in throttling", () => {
  it("locks an address after repeated failures, until the oldest leaves the window", async () => {
    const email = "a@school.ro";
    for (let i = 0; i < MAX_FAILURES - 1; i++) await recordAttempt(t.db, email, false);
    expect(await lockedUntil(t.db, email)).toBeNull();
    await recordAttempt(t.db, email, false);
    const until = await lockedUntil(t.db, email);
    expect(until).not.toBeNull();
    expect(until!.getTime() - Date.now()).toBeGreaterThan(WINDOW_MS - 60_000);
    expect(await lockedUntil(t.db, email, new Date(Date.now() + WINDOW_MS + 1000))).toBeNull();
    expect(await lockedUntil(t.db, "other@school.ro")).toBeNull();
  });

  it("forgets failures before a success", async () => {
    const email = "b@school.ro";
    for (let i = 0; i < MAX_FAILURES; i++) await recordAttempt(t.db, email, false);
    await t.db.insert(signInAttempts).values({ email, succeeded: true, createdAt: new Date(Date.now() + 1) });
    expect(await lockedUntil(t.db, email, new Date(Date.now() + 2))).toBeNull();
  });
});
