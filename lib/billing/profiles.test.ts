// The billing-profile use-cases against real PostgreSQL: the first profile becomes the default,
// exactly one default per organisation, archive never deletes, every change is audited, and another
// organisation's profile is out of reach.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/test/db";
import { expectAppError as failure } from "@/test/expect";
import { createSchool, type School } from "@/test/school";
import { auditLog, billingProfiles } from "../../db/schema";
import {
  archiveProfile,
  bindSeries,
  createProfile,
  draftProfile,
  listProfiles,
  makeDefaultProfile,
  requireProfiles,
  requireSeriesForAll,
  updateProfile,
} from "./profiles";
import { MAX_PROFILES, profileSchema, type ProfileInput } from "./schemas";

let t: TestDb;

type Org = School<"admin">;

const makeOrg = (name: string, connected?: { cif: string; vatPayer: boolean }): Promise<Org> => createSchool(t.db, { name, connected });

const input = (over: Partial<ProfileInput> = {}) =>
  profileSchema.parse({
    companyName: "Școala Arabesque SRL",
    cif: "RO12345674",
    regCom: "J40/1234/2020",
    address: "Str. Lalelelor 3",
    city: "București",
    county: "Sector 1",
    country: "Romania",
    email: "Facturi@Arabesque.ro",
    phone: "",
    iban: "RO49 AAAA 1B31 0075 9384 0000",
    bank: "Banca Demo",
    vatPayer: true,
    currency: "RON",
    invoiceLanguage: "RO",
    dueDays: 15,
    ...over,
  });

const create = (org: Org, over: Partial<ProfileInput> = {}) => createProfile(t.db, { orgId: org.id, actorUserId: org.admin.userId, input: input(over) });
const audits = (orgId: string, action: string) =>
  t.db.select().from(auditLog).where(and(eq(auditLog.orgId, orgId), eq(auditLog.action, action))).orderBy(auditLog.id);
const row = async (id: string) => (await t.db.select().from(billingProfiles).where(eq(billingProfiles.id, id)))[0]!;
const defaults = async (orgId: string) =>
  (await listProfiles(t.db, orgId)).filter((p) => p.isDefault).map((p) => p.companyName);

beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t?.drop());

describe("a new profile", () => {
  it("is prefilled from the SmartBill connection and the school's name when it is the first", async () => {
    const org = await makeOrg("Clubul Sportiv Delfinul", { cif: "41144780", vatPayer: false });
    expect(await draftProfile(t.db, org.id)).toMatchObject({
      companyName: "Clubul Sportiv Delfinul",
      cif: "41144780",
      vatPayer: false,
      country: "Romania",
      currency: "RON",
      invoiceLanguage: "RO",
      dueDays: 15,
      iban: "",
    });
    await create(org);
    const second = await draftProfile(t.db, org.id);
    expect(second).toMatchObject({ companyName: "", cif: "", vatPayer: false });
  });

  it("the first becomes the default, later ones do not; each creation is audited with its details", async () => {
    const org = await makeOrg("Alpha");
    const first = await create(org);
    const second = await create(org, { companyName: "Clubul Alpha", cif: "41144780", iban: "" });
    expect(first.isDefault).toBe(true);
    expect(second.isDefault).toBe(false);
    expect(first).toMatchObject({ cif: "RO12345674", iban: "RO49AAAA1B31007593840000", email: "facturi@arabesque.ro", phone: null });
    const entries = await audits(org.id, "billing_profile.created");
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatchObject({
      actorUserId: org.admin.userId,
      entityId: first.id,
      details: { companyName: "Școala Arabesque SRL", cif: "RO12345674", iban: "RO49AAAA1B31007593840000", isDefault: true },
    });
    expect(entries[1]!.details).toMatchObject({ companyName: "Clubul Alpha", iban: null, isDefault: false });
  });

  it("concurrent first profiles still leave exactly one default", async () => {
    const org = await makeOrg("Race");
    await Promise.all([create(org, { companyName: "One" }), create(org, { companyName: "Two" }), create(org, { companyName: "Three" })]);
    expect(await defaults(org.id)).toHaveLength(1);
    expect(await listProfiles(t.db, org.id)).toHaveLength(3);
  });

  it("is refused past MAX_PROFILES per school, even when requested in parallel, and nothing is written", async () => {
    const org = await makeOrg("Bounded");
    for (let i = 0; i < MAX_PROFILES - 2; i++) await create(org, { companyName: `Profil ${i}` });
    const results = await Promise.allSettled(Array.from({ length: 6 }, (_, i) => create(org, { companyName: `Paralel ${i}` })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(2);
    for (const r of results.filter((r) => r.status === "rejected")) {
      expect((r as PromiseRejectedResult).reason).toMatchObject({ code: "conflict", message: "errors.limit.profiles" });
    }
    expect(await listProfiles(t.db, org.id)).toHaveLength(MAX_PROFILES);
    expect(await audits(org.id, "billing_profile.created")).toHaveLength(MAX_PROFILES);
  });
});

describe("editing", () => {
  it("saves the fields and audits each change from → to", async () => {
    const org = await makeOrg("Beta");
    const p = await create(org);
    await updateProfile(t.db, { orgId: org.id, actorUserId: org.admin.userId, profileId: p.id, input: input({ city: "Cluj-Napoca", dueDays: 30, bank: "" }) });
    expect(await row(p.id)).toMatchObject({ city: "Cluj-Napoca", dueDays: 30, bank: null, companyName: "Școala Arabesque SRL" });
    const [entry] = await audits(org.id, "billing_profile.updated");
    expect(entry!.details).toEqual({
      companyName: "Școala Arabesque SRL",
      changed: { city: { from: "București", to: "Cluj-Napoca" }, dueDays: { from: 15, to: 30 }, bank: { from: "Banca Demo", to: null } },
    });
  });

  it("writes nothing when nothing changed", async () => {
    const org = await makeOrg("Gamma");
    const p = await create(org);
    await updateProfile(t.db, { orgId: org.id, actorUserId: org.admin.userId, profileId: p.id, input: input() });
    expect(await audits(org.id, "billing_profile.updated")).toHaveLength(0);
  });
});

describe("the default", () => {
  it("moves in one step: the old default is unset, the new one set, and the switch audited", async () => {
    const org = await makeOrg("Delta");
    const a = await create(org, { companyName: "Alpha SRL" });
    const b = await create(org, { companyName: "Beta SRL" });
    await makeDefaultProfile(t.db, { orgId: org.id, actorUserId: org.admin.userId, profileId: b.id });
    expect(await defaults(org.id)).toEqual(["Beta SRL"]);
    expect((await listProfiles(t.db, org.id))[0]!.id).toBe(b.id);
    const [entry] = await audits(org.id, "billing_profile.default_changed");
    expect(entry).toMatchObject({ entityId: b.id, details: { from: { id: a.id, companyName: "Alpha SRL" }, to: { id: b.id, companyName: "Beta SRL" } } });
    // Making the default the default again changes (and audits) nothing.
    await makeDefaultProfile(t.db, { orgId: org.id, actorUserId: org.admin.userId, profileId: b.id });
    expect(await audits(org.id, "billing_profile.default_changed")).toHaveLength(1);
  });
});

describe("archiving", () => {
  it("keeps the row, hides it from the list, and is audited", async () => {
    const org = await makeOrg("Epsilon");
    await create(org, { companyName: "Main" });
    const side = await create(org, { companyName: "Side" });
    await archiveProfile(t.db, { orgId: org.id, actorUserId: org.admin.userId, profileId: side.id });
    expect((await row(side.id)).archivedAt).toBeInstanceOf(Date);
    expect((await listProfiles(t.db, org.id)).map((p) => p.companyName)).toEqual(["Main"]);
    expect(await audits(org.id, "billing_profile.archived")).toMatchObject([{ entityId: side.id, details: { companyName: "Side" } }]);
    expect((await failure(archiveProfile(t.db, { orgId: org.id, actorUserId: org.admin.userId, profileId: side.id }))).code).toBe("not_found");
  });

  it("refuses the default profile and changes nothing", async () => {
    const org = await makeOrg("Zeta");
    const main = await create(org);
    const e = await failure(archiveProfile(t.db, { orgId: org.id, actorUserId: org.admin.userId, profileId: main.id }));
    expect(e).toMatchObject({ code: "conflict", message: "profiles.archiveDefault" });
    expect(await row(main.id)).toMatchObject({ archivedAt: null, isDefault: true });
  });
});

describe("organisation scoping", () => {
  it("another organisation's profile id is not_found for every change, and stays as it was", async () => {
    const owner = await makeOrg("Owner");
    const intruder = await makeOrg("Intruder");
    await create(owner, { companyName: "Owner main" });
    const target = await create(owner, { companyName: "Owner side" });
    const before = await row(target.id);
    const as = { orgId: intruder.id, actorUserId: intruder.admin.userId, profileId: target.id };
    for (const attempt of [
      () => updateProfile(t.db, { ...as, input: input({ companyName: "Hijacked" }) }),
      () => makeDefaultProfile(t.db, as),
      () => archiveProfile(t.db, as),
      () => bindSeries(t.db, { ...as, seriesName: "BRS" }),
    ]) {
      expect(await failure(attempt())).toMatchObject({ code: "not_found", message: "profiles.notFound" });
    }
    expect(await row(target.id)).toEqual(before);
    expect(await defaults(owner.id)).toEqual(["Owner main"]);
    expect(await t.db.select().from(auditLog).where(eq(auditLog.orgId, intruder.id))).toHaveLength(0);
    expect(await listProfiles(t.db, intruder.id)).toEqual([]);
  });
});

describe("step checks", () => {
  it("the profiles step needs at least one active profile", async () => {
    const org = await makeOrg("Eta");
    expect(await failure(requireProfiles(t.db, org.id))).toMatchObject({ code: "conflict", message: "profiles.needOne" });
    await create(org);
    await expect(requireProfiles(t.db, org.id)).resolves.toBeUndefined();
  });

  it("the series step needs a series on every active profile (archived ones do not count)", async () => {
    const org = await makeOrg("Theta");
    expect((await failure(requireSeriesForAll(t.db, org.id))).message).toBe("profiles.needOne");
    const a = await create(org, { companyName: "Alpha SRL" });
    const b = await create(org, { companyName: "Beta SRL" });
    const c = await create(org, { companyName: "Gamma SRL" });
    const as = { orgId: org.id, actorUserId: org.admin.userId };
    await bindSeries(t.db, { ...as, profileId: a.id, seriesName: "BRS" });
    expect(await failure(requireSeriesForAll(t.db, org.id))).toMatchObject({ code: "conflict", message: "profiles.series.needAll" });
    await bindSeries(t.db, { ...as, profileId: b.id, seriesName: "BRSC" });
    await archiveProfile(t.db, { ...as, profileId: c.id });
    expect((await requireSeriesForAll(t.db, org.id)).map((p) => p.seriesName)).toEqual(["BRS", "BRSC"]);
    expect(await audits(org.id, "billing_profile.series_changed")).toMatchObject([
      { entityId: a.id, details: { from: null, to: "BRS" } },
      { entityId: b.id, details: { from: null, to: "BRSC" } },
    ]);
  });
});
