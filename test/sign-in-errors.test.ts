// next-auth puts a thrown error's message into the sign-in page's URL (`?error=`). A database error's
// message carries SQL and parameters, so authorize() only ever throws its own generic codes.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { authOptions } from "@/lib/auth/options";
import { createTestDb, type TestDb } from "./db";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb({ app: true });
});
afterAll(() => t.drop());

type Authorize = (credentials: Record<string, string>, req: unknown) => Promise<unknown>;

describe("sign-in errors", () => {
  it("a database failure during sign-in surfaces as 'internal', never as SQL text", async () => {
    const provider = authOptions.providers[0] as unknown as { options: { authorize: Authorize } };
    const logged: string[] = [];
    const spy = vi.spyOn(console, "error").mockImplementation((...a: unknown[]) => void logged.push(a.map(String).join(" ")));
    try {
      // The lookup fails inside the database (a NUL in the e-mail used to do this; it is refused earlier now).
      await t.sql`alter table users rename to users_away`;
      const failure = await provider.options.authorize({ email: "ana@school.ro", password: "whatever-password" }, {}).then(
        () => null,
        (e: unknown) => e,
      );
      expect(failure).toBeInstanceOf(Error);
      expect((failure as Error).message).toBe("internal");
      expect(logged.join("\n")).toContain("auth.authorize");
      expect(logged.join("\n")).not.toMatch(/select|params|ana/i);
    } finally {
      await t.sql`alter table users_away rename to users`;
      spy.mockRestore();
    }
  });
});
