// The test kit itself: each part does what test/README.md says it does.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { memberships, organisations, smartbillConnections } from "@/db/schema";
import { changeMemberRoleAction } from "@/app/(dashboard)/settings/team/actions";
import { getCurrentMember } from "@/lib/auth/session";
import { decryptSecret } from "@/lib/crypto/secret-box";
import { createTestDb, type TestDb } from "./db";
import { CLUB_CIF, DEMO, startSandbox, type Sandbox } from "./sandbox";
import { createSchool } from "./school";
import { actAs, nextCache, signOut } from "./session";

let t: TestDb;
let sandbox: Sandbox;
beforeAll(async () => {
  t = await createTestDb({ app: true });
  sandbox = await startSandbox({ db: t });
});
afterAll(async () => {
  await sandbox.close();
  await t.drop();
});

describe("test database", () => {
  it("gives each file a migrated, empty database of its own", async () => {
    expect(await t.db.select().from(organisations)).toEqual([]);
    await t.db.insert(organisations).values({ name: "Școala de Test" });
    const rows = await t.db.select().from(organisations);
    expect(rows.map((r) => r.name)).toEqual(["Școala de Test"]);
  });
});

describe("a new school and the signed-in member", () => {
  it("creates one member per role, and getCurrentMember sees whoever actAs names", async () => {
    const school = await createSchool(t.db, { name: "Școala Kit", roles: ["admin", "staff", "accountant"] });
    expect(await t.db.select().from(memberships).where(eq(memberships.orgId, school.id))).toHaveLength(3);
    signOut();
    expect(await getCurrentMember()).toBeNull();
    for (const role of ["admin", "staff", "accountant"] as const) {
      actAs(school[role]);
      expect(await getCurrentMember()).toMatchObject({ role, org: { id: school.id, name: "Școala Kit" }, user: { email: school[role].email } });
    }
  });

  it("switches the active school of a member of several", async () => {
    const first = await createSchool(t.db, { name: "First" });
    const second = await createSchool(t.db, { name: "Second", roles: ["staff"] });
    await t.db.insert(memberships).values({ orgId: second.id, userId: first.admin.userId, role: "accountant" });
    actAs(first.admin, { org: second.id });
    expect(await getCurrentMember()).toMatchObject({ role: "accountant", org: { id: second.id } });
    actAs(first.admin, { org: first.id });
    expect(await getCurrentMember()).toMatchObject({ role: "admin", org: { id: first.id } });
  });

  it("runs server actions as that member, with next/cache's revalidation recorded", async () => {
    const school = await createSchool(t.db, { roles: ["admin", "staff"] });
    actAs(school.staff);
    expect(await changeMemberRoleAction({ userId: school.staff.userId, role: "accountant" })).toMatchObject({ ok: false, code: "forbidden" });
    expect(nextCache.revalidatePath).not.toHaveBeenCalled();
    actAs(school.admin);
    expect(await changeMemberRoleAction({ userId: school.staff.userId, role: "accountant" })).toEqual({ ok: true, data: null });
    expect(nextCache.revalidatePath).toHaveBeenCalledWith("/settings/team");
  });

  it("connects a school to the sandbox with the demo token, stored encrypted", async () => {
    const school = await createSchool(t.db, { connected: { sandbox, cif: CLUB_CIF } });
    const [c] = await t.db.select().from(smartbillConnections).where(eq(smartbillConnections.id, school.connection!));
    expect(c).toMatchObject({ orgId: school.id, cif: CLUB_CIF, baseUrl: sandbox.baseUrl, isSandbox: true });
    expect(c!.tokenCiphertext).not.toContain(DEMO.token);
    expect(decryptSecret(c!.tokenCiphertext, school.id)).toBe(DEMO.token);
    expect((await createSchool(t.db)).connection).toBeNull();
  });
});

describe("the SmartBill sandbox", () => {
  it("answers the client over HTTP and is controlled over its control API", async () => {
    await sandbox.mark();
    expect((await sandbox.sb.series.list(sandbox.creds)).map((s) => s.name)).toContain("BRS");
    expect(await sandbox.control("upsert-series", { cif: sandbox.creds.cif, name: "KIT", type: "f", nextNumber: 5 })).toMatchObject({ status: 200 });
    expect((await sandbox.sb.series.list(sandbox.creds)).find((s) => s.name === "KIT")).toMatchObject({ nextNumber: 5 });
    expect((await sandbox.calls()).map((c) => c.path)).toEqual(["/series", "/series"]);
    expect((await sandbox.control("list-invoices", {}, { key: "wrong" })).status).toBe(401);
  });
});
