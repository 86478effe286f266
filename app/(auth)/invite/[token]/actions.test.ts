// Accepting an invitation, as public endpoints on real PostgreSQL (only the request is simulated:
// test/session.ts).
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { invitations, memberships, organisations, signInAttempts, users } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { createTestDb, type TestDb } from "@/test/db";
import { scope } from "@/test/request-scope";
import { actAs, signOut } from "@/test/session";

let t: TestDb;
let org: string;
let admin: string;
let victim: string;
let attacker: string;
let invite: typeof import("./actions");
let team: typeof import("@/app/(dashboard)/settings/team/actions");
let lib: typeof import("@/lib/team/invitations");

async function newInvitation(email: string, role: "staff" | "accountant" = "staff") {
  return (await lib.createInvitation(t.db, { orgId: org, actorUserId: admin, email, role })).token;
}
async function membershipsOf(userId: string) {
  return t.db.select().from(memberships).where(eq(memberships.userId, userId));
}

beforeAll(async () => {
  t = await createTestDb({ app: true });
  process.env.NEXTAUTH_URL = "https://bursar.school.ro";
  const [o] = await t.db.insert(organisations).values({ name: "Alpha" }).returning();
  const [other] = await t.db.insert(organisations).values({ name: "Elsewhere" }).returning();
  org = o!.id;
  const hash = await hashPassword("victim-password");
  const [a, v, x] = await t.db
    .insert(users)
    .values([
      { email: "admin@alpha.test", name: "Admin", passwordHash: hash },
      { email: "victim@else.test", name: "Victim", passwordHash: hash },
      { email: "attacker@evil.test", name: "Attacker", passwordHash: hash },
    ])
    .returning();
  [admin, victim, attacker] = [a!.id, v!.id, x!.id];
  await t.db.insert(memberships).values([
    { orgId: org, userId: admin, role: "admin" },
    { orgId: other!.id, userId: victim, role: "admin" },
    { orgId: other!.id, userId: attacker, role: "staff" },
  ]);
  lib = await import("@/lib/team/invitations");
  invite = await import("./actions");
  team = await import("@/app/(dashboard)/settings/team/actions");
});
afterAll(() => t.drop());
beforeEach(() => {
  signOut();
  scope.headers = new Headers({ host: "localhost:3000" });
});

describe("accepting an invitation for an address that has an account", () => {
  it("never checks that account's password in the public form: right or wrong, it says to sign in", async () => {
    const token = await newInvitation("victim@else.test");
    for (const password of ["wrong-guess-1", "victim-password"]) {
      expect(await invite.acceptInviteAsNewUserAction({ token, name: "Mallory", password })).toMatchObject({
        ok: false,
        code: "conflict",
        error: "auth.invite.signInToAccept",
      });
    }
    expect(await membershipsOf(victim)).toHaveLength(1);
    const [u] = await t.db.select().from(users).where(eq(users.id, victim));
    expect(u!.name).toBe("Victim");
    expect(await t.db.select().from(signInAttempts)).toHaveLength(0); // nothing compared, nothing to count
  });

  it("refuses a caller without a session, and one signed in as another account", async () => {
    const token = await newInvitation("victim@else.test");
    expect(await invite.acceptInviteAsUserAction({ token })).toMatchObject({ ok: false, code: "unauthenticated" });
    actAs({ userId: attacker });
    expect(await invite.acceptInviteAsUserAction({ token })).toMatchObject({ ok: false, code: "forbidden" });
    expect(await membershipsOf(victim)).toHaveLength(1);
    expect(await membershipsOf(attacker)).toHaveLength(1);
  });

  it("lets the signed-in owner of the address accept, once", async () => {
    const token = await newInvitation("victim@else.test", "accountant");
    actAs({ userId: victim });
    expect(await invite.acceptInviteAsUserAction({ token })).toEqual({ ok: true, data: null });
    const [m] = await t.db.select().from(memberships).where(and(eq(memberships.orgId, org), eq(memberships.userId, victim)));
    expect(m!.role).toBe("accountant");
    expect(await invite.acceptInviteAsUserAction({ token })).toMatchObject({ ok: false, code: "not_found" });
  });
});

describe("accepting as a new account", () => {
  it("creates the account with the chosen password and joins", async () => {
    const token = await newInvitation("newbie@alpha.test");
    expect(await invite.acceptInviteAsNewUserAction({ token, name: "Newbie", password: "newbie-password" })).toEqual({
      ok: true,
      data: { email: "newbie@alpha.test" },
    });
    const [u] = await t.db.select().from(users).where(eq(users.email, "newbie@alpha.test"));
    expect(await membershipsOf(u!.id)).toHaveLength(1);
    const [inv] = await t.db.select().from(invitations).where(eq(invitations.email, "newbie@alpha.test"));
    expect(inv!.acceptedAt).not.toBeNull();
  });

  it("refuses a password over bcrypt's 72 bytes with a field error, not a silent cut", async () => {
    const token = await newInvitation("longpw@alpha.test");
    const res = await invite.acceptInviteAsNewUserAction({ token, name: "Long", password: "ș".repeat(37) }); // 74 bytes
    expect(res).toMatchObject({ ok: false, code: "validation", fieldErrors: { password: ["auth.password.tooLong"] } });
    expect(await t.db.select().from(users).where(eq(users.email, "longpw@alpha.test"))).toHaveLength(0);
  });
});

describe("what the invitation page learns", () => {
  it("is the same for an address with an account and one without", async () => {
    const known = await lib.findOpenInvitation(t.db, await newInvitation("attacker@evil.test"));
    const unknown = await lib.findOpenInvitation(t.db, await newInvitation("nobody@alpha.test"));
    expect(Object.keys(known!).sort()).toEqual(Object.keys(unknown!).sort());
    expect(known).not.toHaveProperty("hasAccount");
  });
});

describe("invitation links", () => {
  it("are built from the configured app URL, whatever Host or X-Forwarded-Host say", async () => {
    actAs({ userId: admin });
    scope.headers = new Headers({ host: "evil.example", "x-forwarded-host": "evil.example", "x-forwarded-proto": "http" });
    const res = await team.inviteMemberAction({ email: "linked@alpha.test", role: "staff" });
    expect(res.ok && res.data.link).toMatch(/^https:\/\/bursar\.school\.ro\/invite\/[A-Za-z0-9_-]{40,}$/);
  });
});
