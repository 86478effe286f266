// Sign-in through next-auth's authorize() on real PostgreSQL: the lockout is atomic, per account and
// per client address, and lockouts cover unknown addresses as well as known ones.
import { and, eq } from "drizzle-orm";
import type { NextAuthOptions } from "next-auth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signInAttempts, users } from "../../db/schema";
import { createTestDb, type TestDb } from "../../test/db";
import { hashPassword } from "./password";
import { MAX_CLIENT_FAILURES, MAX_FAILURES } from "./throttle";

let t: TestDb;
let authOptions: NextAuthOptions;

type Authorize = (c: Record<string, string>, req: { headers: Record<string, string> }) => Promise<{ id: string } | null>;
function authorize(email: string, password: string, client = "198.51.100.1") {
  const provider = authOptions.providers[0] as unknown as { options: { authorize: Authorize } };
  return provider.options.authorize({ email, password }, { headers: { "x-forwarded-for": client } });
}

async function attemptsOf(email: string) {
  return t.db.select().from(signInAttempts).where(eq(signInAttempts.email, email));
}

beforeAll(async () => {
  t = await createTestDb({ app: true });
  const passwordHash = await hashPassword("right-password");
  await t.db.insert(users).values([
    { email: "race@school.ro", name: "Race", passwordHash },
    { email: "reset@school.ro", name: "Reset", passwordHash },
  ]);
  ({ authOptions } = await import("./options"));
});
afterAll(() => t.drop());

describe("sign-in lockout", () => {
  it("evaluates at most MAX_FAILURES of 40 parallel wrong passwords; the rest are refused unchecked", async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 40 }, (_, i) => authorize("race@school.ro", `wrong-${i}`, `203.0.113.${i}`)),
    );
    const wrong = results.filter((r) => r.status === "fulfilled" && r.value === null).length;
    const throttled = results.filter((r) => r.status === "rejected" && String(r.reason).includes("throttled:account:")).length;
    expect(wrong).toBe(MAX_FAILURES);
    expect(throttled).toBe(40 - MAX_FAILURES);
    // Each evaluated guess left one row; refused ones none.
    expect(await attemptsOf("race@school.ro")).toHaveLength(MAX_FAILURES);
    // Locked now, even with the right password.
    await expect(authorize("race@school.ro", "right-password")).rejects.toThrow(/^throttled:account:/);
  });

  it("locks an unknown address the same way, so the lockout reveals nothing", async () => {
    for (let i = 0; i < MAX_FAILURES; i++) expect(await authorize("nobody@school.ro", `guess-${i}`, "198.51.100.7")).toBeNull();
    await expect(authorize("nobody@school.ro", "guess")).rejects.toThrow(/^throttled:account:/);
  });

  it("a success resets the account's count", async () => {
    for (let i = 0; i < MAX_FAILURES - 1; i++) expect(await authorize("reset@school.ro", `bad-${i}`, "198.51.100.8")).toBeNull();
    expect(await authorize("reset@school.ro", "right-password", "198.51.100.8")).toMatchObject({ email: "reset@school.ro" });
    const rows = await t.db
      .select()
      .from(signInAttempts)
      .where(and(eq(signInAttempts.email, "reset@school.ro"), eq(signInAttempts.succeeded, true)));
    expect(rows).toHaveLength(1);
    for (let i = 0; i < MAX_FAILURES - 1; i++) expect(await authorize("reset@school.ro", `bad2-${i}`, "198.51.100.8")).toBeNull();
    expect(await authorize("reset@school.ro", "right-password", "198.51.100.8")).not.toBeNull();
  });

  it("limits one client address across many addresses, and only that client", async () => {
    const client = "192.0.2.50";
    await Promise.all(
      Array.from({ length: MAX_CLIENT_FAILURES }, (_, i) => authorize(`spray-${i}@school.ro`, "Password1", client)),
    );
    await expect(authorize("another@school.ro", "Password1", client)).rejects.toThrow(/^throttled:client:/);
    expect(await authorize("another@school.ro", "Password1", "192.0.2.51")).toBeNull();
    // Behind a proxy that appends, the rightmost entry is the one the proxy saw.
    await expect(authorize("another@school.ro", "Password1", `10.9.9.9, ${client}`)).rejects.toThrow(/^throttled:client:/);
  });

  it("refuses a password longer than bcrypt's 72 bytes instead of comparing its first 72", async () => {
    const long = "p".repeat(72);
    await t.db.insert(users).values({ email: "long@school.ro", name: "Long", passwordHash: await hashPassword(long) });
    expect(await authorize("long@school.ro", long, "198.51.100.9")).not.toBeNull();
    expect(await authorize("long@school.ro", `${long}-and-more`, "198.51.100.9")).toBeNull();
  });
});
