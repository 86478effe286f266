// Every server action is a public endpoint. These call the real actions (wrapper, use-cases, real
// PostgreSQL); only the request is simulated (test/session.ts).
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { auditLog, invitations, memberships } from "@/db/schema";
import * as actions from "@/app/(dashboard)/settings/team/actions";
import { createTestDb, type TestDb } from "./db";
import { createSchool, type School } from "./school";
import { actAs, signOut } from "./session";

let t: TestDb;
let A: School<"admin" | "staff">;
let B: School<"admin">;
let invitation: string;

async function snapshot() {
  return {
    memberships: await t.db.select().from(memberships).orderBy(memberships.userId),
    invitations: await t.db.select().from(invitations).orderBy(invitations.id),
    audit: (await t.db.select().from(auditLog)).length,
  };
}

beforeAll(async () => {
  t = await createTestDb({ app: true });
  A = await createSchool(t.db, { name: "Alpha", roles: ["admin", "staff"] });
  B = await createSchool(t.db, { name: "Beta" });
  const [inv] = await t.db
    .insert(invitations)
    .values({ orgId: A.id, email: "new@alpha.test", role: "staff", tokenHash: "h", expiresAt: new Date(Date.now() + 86_400_000) })
    .returning();
  invitation = inv!.id;
});
afterAll(() => t.drop());
beforeEach(() => signOut());

describe("team actions as public endpoints", () => {
  it("refuse a caller without a session and change nothing", async () => {
    const before = await snapshot();
    expect(await actions.changeMemberRoleAction({ userId: A.staff.userId, role: "admin" })).toMatchObject({ ok: false, code: "unauthenticated" });
    expect(await actions.removeMemberAction({ userId: A.admin.userId })).toMatchObject({ ok: false, code: "unauthenticated" });
    expect(await actions.revokeInvitationAction({ invitationId: invitation })).toMatchObject({ ok: false, code: "unauthenticated" });
    expect(await actions.inviteMemberAction({ email: "x@y.ro", role: "admin" })).toMatchObject({ ok: false, code: "unauthenticated" });
    expect(await snapshot()).toEqual(before);
  });

  it("refuse an admin of another organisation and change nothing", async () => {
    actAs(B.admin);
    const before = await snapshot();
    expect(await actions.changeMemberRoleAction({ userId: A.staff.userId, role: "admin" })).toMatchObject({ ok: false, code: "not_found" });
    expect(await actions.removeMemberAction({ userId: A.admin.userId })).toMatchObject({ ok: false, code: "not_found" });
    expect(await actions.revokeInvitationAction({ invitationId: invitation })).toMatchObject({ ok: false, code: "not_found" });
    expect(await snapshot()).toEqual(before);
  });

  it("refuse a member whose role does not allow it", async () => {
    actAs(A.staff);
    const before = await snapshot();
    expect(await actions.changeMemberRoleAction({ userId: A.staff.userId, role: "admin" })).toMatchObject({ ok: false, code: "forbidden" });
    expect(await actions.inviteMemberAction({ email: "x@y.ro", role: "admin" })).toMatchObject({ ok: false, code: "forbidden" });
    expect(await snapshot()).toEqual(before);
  });

  it("validate input before anything else", async () => {
    actAs(A.admin);
    const res = await actions.changeMemberRoleAction({ userId: "not-a-uuid", role: "owner" as never });
    expect(res).toMatchObject({ ok: false, code: "validation" });
    expect(Object.keys(res.ok ? {} : res.fieldErrors ?? {})).toEqual(["userId", "role"]);
  });

  it("let the organisation's admin act, and audit it", async () => {
    actAs(A.admin);
    expect(await actions.changeMemberRoleAction({ userId: A.staff.userId, role: "accountant" })).toEqual({ ok: true, data: null });
    const [m] = await t.db.select().from(memberships).where(eq(memberships.userId, A.staff.userId));
    expect(m!.role).toBe("accountant");
    const [entry] = await t.db.select().from(auditLog).where(eq(auditLog.action, "member.role_changed"));
    expect(entry).toMatchObject({ orgId: A.id, actorUserId: A.admin.userId, details: { from: "staff", to: "accountant" } });
  });

  it("never leave an organisation without an admin", async () => {
    actAs(A.admin);
    expect(await actions.changeMemberRoleAction({ userId: A.admin.userId, role: "staff" })).toMatchObject({ ok: false, code: "conflict", error: "team.lastAdmin" });
    expect(await actions.removeMemberAction({ userId: A.admin.userId })).toMatchObject({ ok: false, code: "conflict" });
  });
});
