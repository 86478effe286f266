// Every server action is a public endpoint. These call the real actions (wrapper, use-cases, real
// PostgreSQL); only the session lookup is stubbed, as the HTTP boundary would supply it.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { auditLog, invitations, memberships, organisations, users } from "../db/schema";
import { createTestDb, type TestDb } from "./db";

let session: { user: { id: string } } | null = null;
vi.mock("next-auth", () => ({ getServerSession: vi.fn(async () => session) }));
vi.mock("next/headers", () => ({
  cookies: async () => ({ get: () => undefined, set: () => {} }),
  headers: async () => new Headers({ host: "localhost:3000" }),
}));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

let t: TestDb;
let A: { org: string; admin: string; staff: string; invitation: string };
let B: { org: string; admin: string };
let actions: typeof import("../app/(dashboard)/settings/team/actions");

async function makeOrg(name: string, roles: ("admin" | "staff")[]) {
  const [org] = await t.db.insert(organisations).values({ name }).returning();
  const ids: string[] = [];
  for (const [i, role] of roles.entries()) {
    const [u] = await t.db
      .insert(users)
      .values({ email: `${role}${i}@${name.toLowerCase()}.test`, name: `${name} ${role}`, passwordHash: "x" })
      .returning();
    await t.db.insert(memberships).values({ orgId: org!.id, userId: u!.id, role });
    ids.push(u!.id);
  }
  return { org: org!.id, ids };
}

async function snapshot() {
  return {
    memberships: await t.db.select().from(memberships).orderBy(memberships.userId),
    invitations: await t.db.select().from(invitations).orderBy(invitations.id),
    audit: (await t.db.select().from(auditLog)).length,
  };
}

beforeAll(async () => {
  t = await createTestDb();
  process.env.DATABASE_URL = t.url;
  const a = await makeOrg("Alpha", ["admin", "staff"]);
  const b = await makeOrg("Beta", ["admin"]);
  const [inv] = await t.db
    .insert(invitations)
    .values({ orgId: a.org, email: "new@alpha.test", role: "staff", tokenHash: "h", expiresAt: new Date(Date.now() + 86_400_000) })
    .returning();
  A = { org: a.org, admin: a.ids[0]!, staff: a.ids[1]!, invitation: inv!.id };
  B = { org: b.org, admin: b.ids[0]! };
  actions = await import("../app/(dashboard)/settings/team/actions");
});
afterAll(async () => {
  const { getDbHandle } = await import("../db");
  await getDbHandle().close();
  await t.drop();
});
beforeEach(() => {
  session = null;
});

describe("team actions as public endpoints", () => {
  it("refuse a caller without a session and change nothing", async () => {
    const before = await snapshot();
    expect(await actions.changeMemberRoleAction({ userId: A.staff, role: "admin" })).toMatchObject({ ok: false, code: "unauthenticated" });
    expect(await actions.removeMemberAction({ userId: A.admin })).toMatchObject({ ok: false, code: "unauthenticated" });
    expect(await actions.revokeInvitationAction({ invitationId: A.invitation })).toMatchObject({ ok: false, code: "unauthenticated" });
    expect(await actions.inviteMemberAction({ email: "x@y.ro", role: "admin" })).toMatchObject({ ok: false, code: "unauthenticated" });
    expect(await snapshot()).toEqual(before);
  });

  it("refuse an admin of another organisation and change nothing", async () => {
    session = { user: { id: B.admin } };
    const before = await snapshot();
    expect(await actions.changeMemberRoleAction({ userId: A.staff, role: "admin" })).toMatchObject({ ok: false, code: "not_found" });
    expect(await actions.removeMemberAction({ userId: A.admin })).toMatchObject({ ok: false, code: "not_found" });
    expect(await actions.revokeInvitationAction({ invitationId: A.invitation })).toMatchObject({ ok: false, code: "not_found" });
    expect(await snapshot()).toEqual(before);
  });

  it("refuse a member whose role does not allow it", async () => {
    session = { user: { id: A.staff } };
    const before = await snapshot();
    expect(await actions.changeMemberRoleAction({ userId: A.staff, role: "admin" })).toMatchObject({ ok: false, code: "forbidden" });
    expect(await actions.inviteMemberAction({ email: "x@y.ro", role: "admin" })).toMatchObject({ ok: false, code: "forbidden" });
    expect(await snapshot()).toEqual(before);
  });

  it("validate input before anything else", async () => {
    session = { user: { id: A.admin } };
    const res = await actions.changeMemberRoleAction({ userId: "not-a-uuid", role: "owner" as never });
    expect(res).toMatchObject({ ok: false, code: "validation" });
    expect(Object.keys(res.ok ? {} : res.fieldErrors ?? {})).toEqual(["userId", "role"]);
  });

  it("let the organisation's admin act, and audit it", async () => {
    session = { user: { id: A.admin } };
    expect(await actions.changeMemberRoleAction({ userId: A.staff, role: "accountant" })).toEqual({ ok: true, data: null });
    const [m] = await t.db.select().from(memberships).where(eq(memberships.userId, A.staff));
    expect(m!.role).toBe("accountant");
    const [entry] = await t.db.select().from(auditLog).where(eq(auditLog.action, "member.role_changed"));
    expect(entry).toMatchObject({ orgId: A.org, actorUserId: A.admin, details: { from: "staff", to: "accountant" } });
  });

  it("never leave an organisation without an admin", async () => {
    session = { user: { id: A.admin } };
    expect(await actions.changeMemberRoleAction({ userId: A.admin, role: "staff" })).toMatchObject({ ok: false, code: "conflict", error: "team.lastAdmin" });
    expect(await actions.removeMemberAction({ userId: A.admin })).toMatchObject({ ok: false, code: "conflict" });
  });
});
