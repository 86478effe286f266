// The lockout cannot be used against the owner: through next-auth's authorize() on real PostgreSQL, a
// browser that signed in to the account before (its known-device cookie) signs in while strangers have
// the account locked; strangers, and that cookie once it fails too often itself, still meet the lockout.
import { eq } from "drizzle-orm";
import type { NextAuthOptions } from "next-auth";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { memberships, organisations, signInAttempts, users } from "@/db/schema";
import { createTestDb, type TestDb } from "@/test/db";
import { scope } from "@/test/request-scope";
import { actAs } from "@/test/session";
import { deviceCookieName } from "./device-cookie";
import { hashPassword } from "./password";
import { MAX_CLIENT_FAILURES, MAX_DEVICE_FAILURES, MAX_FAILURES } from "./throttle";

let t: TestDb;
let authOptions: NextAuthOptions;
const COOKIE = deviceCookieName(false);

type Authorize = (c: Record<string, string>, req: { headers: Record<string, string> }) => Promise<{ id: string } | null>;
function authorize(email: string, password: string, client: string) {
  const provider = authOptions.providers[0] as unknown as { options: { authorize: Authorize } };
  return provider.options.authorize({ email, password }, { headers: { "x-forwarded-for": client } });
}
/** The browser the next calls come from: its device cookie, or none (a stranger). */
function browser(deviceCookie: string | undefined) {
  scope.cookies.clear();
  if (deviceCookie) scope.cookies.set(COOKIE, deviceCookie);
}
const cookieNow = () => scope.cookies.get(COOKIE);

async function ownerBrowser(email: string): Promise<string> {
  browser(undefined);
  expect(await authorize(email, "owner-password", "192.0.2.10")).toMatchObject({ email });
  const cookie = cookieNow();
  expect(cookie).toBeTruthy();
  return cookie!;
}
async function lockOutByStrangers(email: string) {
  browser(undefined);
  for (let i = 0; i < MAX_FAILURES; i++) expect(await authorize(email, `guess-${i}`, `203.0.113.${i + 1}`)).toBeNull();
  await expect(authorize(email, "owner-password", "203.0.113.99")).rejects.toThrow(/^throttled:account:/);
}

beforeAll(async () => {
  t = await createTestDb({ app: true });
  process.env.NEXTAUTH_SECRET = "test-nextauth-secret";
  delete process.env.NEXTAUTH_URL;
  const passwordHash = await hashPassword("owner-password");
  await t.db.insert(users).values(
    ["owner", "owner2", "owner3", "owner4", "owner5", "other"].map((n) => ({ email: `${n}@school.ro`, name: n, passwordHash })),
  );
  ({ authOptions } = await import("./options"));
});
beforeEach(() => browser(undefined));
afterAll(() => t.drop());

describe("known devices and the lockout", () => {
  it("the owner's browser signs in during a lockout that five strangers caused; strangers stay locked out", async () => {
    const owner = await ownerBrowser("owner@school.ro");
    await lockOutByStrangers("owner@school.ro");

    browser(owner);
    expect(await authorize("owner@school.ro", "owner-password", "192.0.2.10")).toMatchObject({ email: "owner@school.ro" });
    // A fresh token replaces the one used.
    expect(cookieNow()).not.toBe(owner);

    browser(undefined);
    await expect(authorize("owner@school.ro", "owner-password", "192.0.2.10")).rejects.toThrow(/^throttled:account:/);
  });

  it("a known device is limited on its own: past MAX_DEVICE_FAILURES it is a stranger again", async () => {
    const owner = await ownerBrowser("owner2@school.ro");
    browser(owner);
    for (let i = 0; i < MAX_DEVICE_FAILURES; i++) expect(await authorize("owner2@school.ro", `typo-${i}`, "192.0.2.10")).toBeNull();
    const rows = await t.db.select().from(signInAttempts).where(eq(signInAttempts.email, "owner2@school.ro"));
    expect(rows.filter((r) => r.deviceId && !r.succeeded)).toHaveLength(MAX_DEVICE_FAILURES);
    // Its failures did not lock the account for anyone else…
    browser(undefined);
    expect(await authorize("owner2@school.ro", "owner-password", "198.51.100.2")).toMatchObject({ email: "owner2@school.ro" });
    // …and the locked token now meets the account's lockout like any client.
    await lockOutByStrangers("owner2@school.ro");
    browser(owner);
    await expect(authorize("owner2@school.ro", "owner-password", "192.0.2.10")).rejects.toThrow(/^throttled:account:/);
  });

  it("a token of another account, or a forged one, does not get past the lockout", async () => {
    const otherCookie = await ownerBrowser("other@school.ro");
    await ownerBrowser("owner3@school.ro");
    await lockOutByStrangers("owner3@school.ro");
    browser(otherCookie);
    await expect(authorize("owner3@school.ro", "owner-password", "192.0.2.10")).rejects.toThrow(/^throttled:account:/);
    const [id, issued] = otherCookie.split(".");
    browser(`${id}.${issued}.${"A".repeat(43)}`);
    await expect(authorize("owner3@school.ro", "owner-password", "192.0.2.10")).rejects.toThrow(/^throttled:account:/);
  });

  it("the known device also gets past its client address being locked", async () => {
    const owner = await ownerBrowser("owner4@school.ro");
    browser(undefined);
    const shared = "192.0.2.200"; // the school's network, shared with someone spraying passwords
    await Promise.all(Array.from({ length: MAX_CLIENT_FAILURES }, (_, i) => authorize(`spray-${i}@school.ro`, "Password1", shared)));
    await expect(authorize("owner4@school.ro", "owner-password", shared)).rejects.toThrow(/^throttled:client:/);
    browser(owner);
    expect(await authorize("owner4@school.ro", "owner-password", shared)).toMatchObject({ email: "owner4@school.ro" });
  });

  it("the owner's browser also changes the password during the lockout; a session elsewhere cannot", async () => {
    const owner = await ownerBrowser("owner5@school.ro");
    await lockOutByStrangers("owner5@school.ro");
    const [user] = await t.db.select().from(users).where(eq(users.email, "owner5@school.ro"));
    const [org] = await t.db.insert(organisations).values({ name: "Owner's school" }).returning();
    await t.db.insert(memberships).values({ orgId: org!.id, userId: user!.id, role: "staff" });
    const { changePasswordAction } = await import("@/app/(dashboard)/settings/account/actions");
    const input = { currentPassword: "owner-password", newPassword: "a-newer-password" };
    actAs({ userId: user!.id });
    expect(await changePasswordAction(input)).toMatchObject({ ok: false, code: "rate_limited" });
    actAs({ userId: user!.id });
    scope.cookies.set(COOKIE, owner);
    expect(await changePasswordAction(input)).toMatchObject({ ok: true });
  });

  it("refuses NUL and other control characters in the e-mail before the database", async () => {
    for (const email of ["owner\u0000@school.ro", "owner@school.ro\u0000", "ow\u0007ner@school.ro", "owner@sch\u007fool.ro", "ow\u202ener@school.ro"]) {
      expect(await authorize(email, "owner-password", "192.0.2.30")).toBeNull();
    }
    const rows = await t.db.select().from(signInAttempts).where(eq(signInAttempts.clientAddress, "192.0.2.30"));
    expect(rows).toHaveLength(0);
  });
});
