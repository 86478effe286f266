// Demo users exist only in demo mode: through authorize() on real PostgreSQL, a database that once ran
// as the demo refuses the published demo logins while BURSAR_DEMO is off, with a log line saying why,
// and takes them again once it is on.
import type { NextAuthOptions } from "next-auth";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { DEMO_PASSWORD, DEMO_USERS, insertDemoSchool } from "@/db/seed";
import { createTestDb, type TestDb } from "@/test/db";
import { hashPassword } from "./password";

let t: TestDb;
let authOptions: NextAuthOptions;

type Authorize = (c: Record<string, string>, req: { headers: Record<string, string> }) => Promise<{ id: string } | null>;
function authorize(email: string, password: string) {
  const provider = authOptions.providers[0] as unknown as { options: { authorize: Authorize } };
  return provider.options.authorize({ email, password }, { headers: { "x-forwarded-for": "198.51.100.40" } });
}

beforeAll(async () => {
  t = await createTestDb({ app: true });
  await insertDemoSchool(t.db, () => hashPassword(DEMO_PASSWORD));
  ({ authOptions } = await import("./options"));
});
afterEach(() => {
  delete process.env.BURSAR_DEMO;
  vi.restoreAllMocks();
});
afterAll(() => t.drop());

describe("demo users outside demo mode", () => {
  it("refuses every demo user's published login with BURSAR_DEMO off, and logs why", async () => {
    process.env.BURSAR_DEMO = "off";
    const lines: string[] = [];
    vi.spyOn(console, "warn").mockImplementation((...a: unknown[]) => void lines.push(a.map(String).join(" ")));
    for (const u of DEMO_USERS) await expect(authorize(u.email, DEMO_PASSWORD)).rejects.toThrow(/^demo-off$/);
    expect(lines).toHaveLength(DEMO_USERS.length);
    expect(lines[0]).toMatch(/sign-in refused for demo user admin@demo\.bursar\.test: BURSAR_DEMO is off/);
    // A wrong password is just wrong (no line, nothing said about demo mode).
    expect(await authorize(DEMO_USERS[0]!.email, "not-the-password")).toBeNull();
    expect(lines).toHaveLength(DEMO_USERS.length);
  });

  it("is off under NODE_ENV=production when BURSAR_DEMO is unset", async () => {
    vi.stubEnv("NODE_ENV", "production");
    vi.spyOn(console, "warn").mockImplementation(() => {});
    await expect(authorize(DEMO_USERS[1]!.email, DEMO_PASSWORD)).rejects.toThrow(/^demo-off$/);
    vi.unstubAllEnvs();
  });

  it("takes them again once demo mode is on", async () => {
    process.env.BURSAR_DEMO = "on";
    for (const u of DEMO_USERS) expect(await authorize(u.email, DEMO_PASSWORD)).toMatchObject({ email: u.email });
  });
});
