// The profiles and series actions as public endpoints: real wrapper, use-cases, PostgreSQL and the
// SmartBill sandbox over HTTP; only the session lookup is stubbed, as the HTTP boundary would supply it.
import crypto from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createTestDb, type TestDb } from "../../../../test/db";
import { auditLog, billingProfiles, memberships, organisations, setupProgress, smartbillConnections, users } from "../../../../db/schema";
import { encryptSecret } from "../../../../lib/crypto/secret-box";
import { sandboxAdmin } from "../../../../lib/smartbill-sandbox/admin";
import { DEMO_SMARTBILL } from "../../../../lib/smartbill-sandbox/demo";
import { startSandboxServer, type SandboxServer } from "../../../../lib/smartbill-sandbox/server";

let session: { user: { id: string } } | null = null;
vi.mock("next-auth", () => ({ getServerSession: vi.fn(async () => session) }));
vi.mock("next/headers", () => ({
  cookies: async () => ({ get: () => undefined, set: () => {} }),
  headers: async () => new Headers({ host: "localhost:3000" }),
}));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

let t: TestDb;
let server: SandboxServer;
let A: { org: string; admin: string; staff: string };
let B: { org: string; admin: string };
let profiles: typeof import("./profiles");
let series: typeof import("./series");

const form = {
  companyName: "Școala Arabesque SRL",
  cif: "RO12345674",
  regCom: "",
  address: "",
  city: "București",
  county: "",
  country: "Romania",
  email: "",
  phone: "",
  iban: "RO49AAAA1B31007593840000",
  bank: "",
  vatPayer: true,
  currency: "RON" as const,
  invoiceLanguage: "RO" as const,
  dueDays: 15,
};

async function makeOrg(name: string, roles: ("admin" | "staff")[]) {
  const [org] = await t.db.insert(organisations).values({ name }).returning();
  const ids: string[] = [];
  for (const [i, role] of roles.entries()) {
    const [u] = await t.db.insert(users).values({ email: `${role}${i}@${name.toLowerCase()}.test`, name: `${name} ${role}`, passwordHash: "x" }).returning();
    await t.db.insert(memberships).values({ orgId: org!.id, userId: u!.id, role });
    ids.push(u!.id);
  }
  await t.db.insert(smartbillConnections).values({
    orgId: org!.id,
    username: DEMO_SMARTBILL.email,
    tokenCiphertext: encryptSecret(DEMO_SMARTBILL.token, org!.id),
    tokenLast4: "2026",
    cif: DEMO_SMARTBILL.company.cif,
    baseUrl: server.baseUrl,
    isSandbox: true,
  });
  return { org: org!.id, ids };
}

const snapshot = async () => ({
  profiles: await t.db.select().from(billingProfiles).orderBy(billingProfiles.id),
  audit: (await t.db.select().from(auditLog)).length,
});
const profilesOf = (orgId: string) => t.db.select().from(billingProfiles).where(eq(billingProfiles.orgId, orgId)).orderBy(billingProfiles.createdAt);

beforeAll(async () => {
  process.env.BURSAR_ENCRYPTION_KEY = crypto.randomBytes(32).toString("base64");
  t = await createTestDb();
  process.env.DATABASE_URL = t.url;
  process.env.SMARTBILL_LOG_LEVEL = "silent";
  const admin = sandboxAdmin(t.sql);
  await admin.reset({ seedDemo: true });
  await admin.setRateLimit({ account: DEMO_SMARTBILL.email, limit: 100_000, windowMs: 10_000 });
  server = await startSandboxServer({ sql: t.sql });
  const a = await makeOrg("Alpha", ["admin", "staff"]);
  const b = await makeOrg("Beta", ["admin"]);
  A = { org: a.org, admin: a.ids[0]!, staff: a.ids[1]! };
  B = { org: b.org, admin: b.ids[0]! };
  profiles = await import("./profiles");
  series = await import("./series");
});
afterAll(async () => {
  const { getDbHandle } = await import("../../../../db");
  await getDbHandle().close();
  await server?.close();
  await t?.drop();
});
beforeEach(() => {
  session = null;
});

describe("profiles and series actions", () => {
  it("refuse a caller without a session, or whose role does not allow it, and change nothing", async () => {
    session = { user: { id: A.admin } };
    const created = await profiles.saveProfileAction(form);
    expect(created.ok).toBe(true);
    const id = created.ok ? created.data.id : "";
    const before = await snapshot();
    for (const [who, code] of [
      [null, "unauthenticated"],
      [A.staff, "forbidden"],
    ] as const) {
      session = who ? { user: { id: who } } : null;
      expect(await profiles.saveProfileAction({ ...form, id, companyName: "Changed" })).toMatchObject({ ok: false, code });
      expect(await profiles.makeDefaultProfileAction({ profileId: id })).toMatchObject({ ok: false, code });
      expect(await profiles.archiveProfileAction({ profileId: id })).toMatchObject({ ok: false, code });
      expect(await profiles.completeProfilesStepAction({})).toMatchObject({ ok: false, code });
      expect(await series.bindSeriesAction({ profileId: id, seriesName: "BRS" })).toMatchObject({ ok: false, code });
      expect(await series.completeSeriesStepAction({})).toMatchObject({ ok: false, code });
    }
    expect(await snapshot()).toEqual(before);
  });

  it("validate the CIF check digit and the IBAN before anything else", async () => {
    session = { user: { id: A.admin } };
    const before = await snapshot();
    const res = await profiles.saveProfileAction({ ...form, cif: "RO12345678", iban: "RO49AAAA1B31007593840001" });
    expect(res).toMatchObject({ ok: false, code: "validation", fieldErrors: { cif: ["cifInvalid"], iban: ["ibanInvalid"] } });
    expect(await snapshot()).toEqual(before);
  });

  it("take the organisation from the session, never from the input", async () => {
    session = { user: { id: B.admin } };
    const res = await profiles.saveProfileAction({ ...form, companyName: "Beta SRL", orgId: A.org } as typeof form);
    expect(res.ok).toBe(true);
    expect((await profilesOf(B.org)).map((p) => p.companyName)).toEqual(["Beta SRL"]);
    expect((await profilesOf(A.org)).map((p) => p.companyName)).not.toContain("Beta SRL");
  });

  it("treat another organisation's profile as not found, and leave it unchanged", async () => {
    session = { user: { id: A.admin } };
    await profiles.saveProfileAction({ ...form, companyName: "Alpha Club" });
    const [, side] = await profilesOf(A.org);
    session = { user: { id: B.admin } };
    const before = await snapshot();
    expect(await profiles.saveProfileAction({ ...form, id: side!.id, companyName: "Hijacked" })).toMatchObject({ ok: false, code: "not_found" });
    expect(await profiles.makeDefaultProfileAction({ profileId: side!.id })).toMatchObject({ ok: false, code: "not_found" });
    expect(await profiles.archiveProfileAction({ profileId: side!.id })).toMatchObject({ ok: false, code: "not_found" });
    expect(await series.bindSeriesAction({ profileId: side!.id, seriesName: "BRS" })).toMatchObject({ ok: false, code: "not_found" });
    expect(await snapshot()).toEqual(before);
  });

  it("walk the two steps: at least one profile, then a series on every profile", async () => {
    const c = await makeOrg("Gamma", ["admin"]);
    // The steps before these are done (the wizard's order is enforced on the server).
    await t.db.insert(setupProgress).values({ orgId: c.org, currentStep: "profiles", completedSteps: ["credentials", "generation"] });
    session = { user: { id: c.ids[0]! } };
    expect(await profiles.completeProfilesStepAction({})).toMatchObject({ ok: false, code: "conflict", error: "profiles.needOne" });
    await profiles.saveProfileAction({ ...form, companyName: "Gamma School" });
    await profiles.saveProfileAction({ ...form, companyName: "Gamma Club", cif: "41144780" });
    const [school, club] = await profilesOf(c.org);
    expect(await profiles.makeDefaultProfileAction({ profileId: club!.id })).toEqual({ ok: true, data: null });
    expect(await profiles.archiveProfileAction({ profileId: club!.id })).toMatchObject({ ok: false, code: "conflict", error: "profiles.archiveDefault" });
    expect(await profiles.completeProfilesStepAction({})).toEqual({ ok: true, data: { next: "series" } });

    expect(await series.bindSeriesAction({ profileId: school!.id, seriesName: "BRS" })).toEqual({ ok: true, data: { profileId: school!.id, seriesName: "BRS" } });
    expect(await series.completeSeriesStepAction({})).toMatchObject({ ok: false, code: "conflict", error: "profiles.series.needAll" });
    expect(await series.bindSeriesAction({ profileId: club!.id, seriesName: "PRF" })).toMatchObject({
      ok: false,
      code: "validation",
      fieldErrors: { seriesName: ["profiles.series.unknown"] },
    });
    expect((await series.bindSeriesAction({ profileId: club!.id, seriesName: "BRSC" })).ok).toBe(true);
    expect(await series.completeSeriesStepAction({})).toEqual({ ok: true, data: { next: "vat" } });
    const [progress] = await t.db.select().from(setupProgress).where(eq(setupProgress.orgId, c.org));
    expect(progress).toMatchObject({ currentStep: "vat" });
    expect(progress!.completedSteps).toEqual(expect.arrayContaining(["profiles", "series"]));
  });
});
