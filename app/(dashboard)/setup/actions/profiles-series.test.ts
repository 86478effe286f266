// The profiles and series actions as public endpoints: real wrapper, use-cases, PostgreSQL and the
// SmartBill sandbox over HTTP; only the request is simulated (test/session.ts).
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { auditLog, billingProfiles, setupProgress } from "@/db/schema";
import { createTestDb, type TestDb } from "@/test/db";
import { startSandbox, type Sandbox } from "@/test/sandbox";
import { createSchool, type School } from "@/test/school";
import { actAs, signOut } from "@/test/session";
import * as profiles from "./profiles";
import * as series from "./series";

let t: TestDb;
let sandbox: Sandbox;
let A: School<"admin" | "staff">;
let B: School<"admin">;

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

const snapshot = async () => ({
  profiles: await t.db.select().from(billingProfiles).orderBy(billingProfiles.id),
  audit: (await t.db.select().from(auditLog)).length,
});
const profilesOf = (orgId: string) => t.db.select().from(billingProfiles).where(eq(billingProfiles.orgId, orgId)).orderBy(billingProfiles.createdAt);

beforeAll(async () => {
  t = await createTestDb({ app: true });
  process.env.SMARTBILL_LOG_LEVEL = "silent";
  sandbox = await startSandbox({ db: t });
  A = await createSchool(t.db, { name: "Alpha", roles: ["admin", "staff"], connected: sandbox });
  B = await createSchool(t.db, { name: "Beta", connected: sandbox });
});
afterAll(async () => {
  await sandbox?.close();
  await t?.drop();
});
beforeEach(() => signOut());

describe("profiles and series actions", () => {
  it("refuse a caller without a session, or whose role does not allow it, and change nothing", async () => {
    actAs(A.admin);
    const created = await profiles.saveProfileAction(form);
    expect(created.ok).toBe(true);
    const id = created.ok ? created.data.id : "";
    const before = await snapshot();
    for (const [who, code] of [
      [null, "unauthenticated"],
      [A.staff, "forbidden"],
    ] as const) {
      actAs(who);
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
    actAs(A.admin);
    const before = await snapshot();
    const res = await profiles.saveProfileAction({ ...form, cif: "RO12345678", iban: "RO49AAAA1B31007593840001" });
    expect(res).toMatchObject({ ok: false, code: "validation", fieldErrors: { cif: ["cifInvalid"], iban: ["ibanInvalid"] } });
    expect(await snapshot()).toEqual(before);
  });

  it("take the organisation from the session, never from the input", async () => {
    actAs(B.admin);
    const res = await profiles.saveProfileAction({ ...form, companyName: "Beta SRL", orgId: A.id } as typeof form);
    expect(res.ok).toBe(true);
    expect((await profilesOf(B.id)).map((p) => p.companyName)).toEqual(["Beta SRL"]);
    expect((await profilesOf(A.id)).map((p) => p.companyName)).not.toContain("Beta SRL");
  });

  it("treat another organisation's profile as not found, and leave it unchanged", async () => {
    actAs(A.admin);
    await profiles.saveProfileAction({ ...form, companyName: "Alpha Club" });
    const [, side] = await profilesOf(A.id);
    actAs(B.admin);
    const before = await snapshot();
    expect(await profiles.saveProfileAction({ ...form, id: side!.id, companyName: "Hijacked" })).toMatchObject({ ok: false, code: "not_found" });
    expect(await profiles.makeDefaultProfileAction({ profileId: side!.id })).toMatchObject({ ok: false, code: "not_found" });
    expect(await profiles.archiveProfileAction({ profileId: side!.id })).toMatchObject({ ok: false, code: "not_found" });
    expect(await series.bindSeriesAction({ profileId: side!.id, seriesName: "BRS" })).toMatchObject({ ok: false, code: "not_found" });
    expect(await snapshot()).toEqual(before);
  });

  it("walk the two steps: at least one profile, then a series on every profile", async () => {
    const c = await createSchool(t.db, { name: "Gamma", connected: sandbox });
    // The steps before these are done (the wizard's order is enforced on the server).
    await t.db.insert(setupProgress).values({ orgId: c.id, currentStep: "profiles", completedSteps: ["credentials", "generation"] });
    actAs(c.admin);
    expect(await profiles.completeProfilesStepAction({})).toMatchObject({ ok: false, code: "conflict", error: "profiles.needOne" });
    await profiles.saveProfileAction({ ...form, companyName: "Gamma School" });
    await profiles.saveProfileAction({ ...form, companyName: "Gamma Club", cif: "41144780" });
    const [school, club] = await profilesOf(c.id);
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
    const [progress] = await t.db.select().from(setupProgress).where(eq(setupProgress.orgId, c.id));
    expect(progress).toMatchObject({ currentStep: "vat" });
    expect(progress!.completedSteps).toEqual(expect.arrayContaining(["profiles", "series"]));
  });
});
