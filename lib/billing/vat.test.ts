// The VAT use-cases against real PostgreSQL and the SmartBill sandbox over HTTP: Synchronize reports
// what changed in SmartBill, profiles whose default level went away are flagged, and every query
// stays inside its organisation.
import { and, eq } from "drizzle-orm";
import type { TestDb } from "@/test/db";
import { expectAppError as failure } from "@/test/expect";
import { DEMO, startSandbox, type Sandbox } from "@/test/sandbox";
import { createSchool, type School } from "@/test/school";
import type { SandboxAdmin } from "../smartbill-sandbox/admin";
import type { SmartBill } from "../smartbill";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, billingProfiles, billingSettings, smartbillConnections, vatLevels, vatSyncs } from "../../db/schema";
import {
  assertVatReady,
  getVatOverview,
  listActiveVatLevels,
  listProfilesWithVatIssues,
  saveVatChoices,
  saveVatMode,
  setDefaultVat,
  syncVatLevels,
} from "./vat";

type Org = School<"admin">;

let sandbox: Sandbox;
let t: TestDb;
let admin: SandboxAdmin;
let sb: SmartBill;



async function makeProfile(orgId: string, companyName: string, extra: Partial<typeof billingProfiles.$inferInsert> = {}) {
  const [p] = await t.db.insert(billingProfiles).values({ orgId, companyName, cif: "RO12345674", ...extra }).returning();
  return p!.id;
}

const sync = (org: Org) => syncVatLevels(t.db, { orgId: org.id, actorUserId: org.admin.userId }, sb);
const names = (rows: { name: string }[]) => rows.map((r) => r.name).sort();


let school: Org;
let other: Org;
let club: Org;

beforeAll(async () => {
  sandbox = await startSandbox();
  ({ db: t, admin, sb } = sandbox);
  school = await createSchool(t.db, { name: "School", connected: sandbox });
  other = await createSchool(t.db, { name: "Other school", connected: sandbox });
  club = await createSchool(t.db, { name: "Club", connected: { sandbox, cif: DEMO.club.cif } });
});
afterAll(() => sandbox?.close());

describe("Synchronize", () => {
  it("first sync: every SmartBill level is added, stored as numeric strings, and recorded", async () => {
    const result = await sync(school);
    expect(result.isFirst).toBe(true);
    expect(result.vatPayer).toBe(true);
    expect(result.added).toEqual(
      expect.arrayContaining([
        { name: "Normala", percentage: "21.00" },
        { name: "Redusa", percentage: "11.00" },
        { name: "Taxare inversa", percentage: "0.00" },
        { name: "Scutit", percentage: "0.00" },
      ]),
    );
    expect(result.added).toHaveLength(4);
    expect([result.removed, result.changed]).toEqual([[], []]);

    const levels = await listActiveVatLevels(t.db, school.id);
    expect(levels[0]).toEqual({ name: "Normala", percentage: "21.00" });
    expect(names(levels)).toEqual(["Normala", "Redusa", "Scutit", "Taxare inversa"]);
    const [settings] = await t.db.select().from(billingSettings).where(eq(billingSettings.orgId, school.id));
    expect(settings!.vatSyncedAt).toBeInstanceOf(Date);
    expect(await t.db.select().from(vatSyncs).where(eq(vatSyncs.orgId, school.id))).toHaveLength(1);
    const audit = await t.db.select().from(auditLog).where(and(eq(auditLog.orgId, school.id), eq(auditLog.action, "vat.synced")));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actorUserId).toBe(school.admin.userId);
    const [conn] = await t.db.select().from(smartbillConnections).where(eq(smartbillConnections.id, school.connection!));
    expect(conn!.lastSuccessAt).toBeInstanceOf(Date);
  });

  it("a second sync with nothing changed reports no changes", async () => {
    const result = await sync(school);
    expect(result.isFirst).toBe(false);
    expect([result.added, result.removed, result.changed]).toEqual([[], [], []]);
  });

  it("after SmartBill changes its levels, the next sync reports added, removed and changed", async () => {
    const profiles = {
      reduced: await makeProfile(school.id, "A — reduced", { isDefault: true }),
      normal: await makeProfile(school.id, "B — normal"),
      none: await makeProfile(school.id, "C — no default yet"),
      exempt: await makeProfile(school.id, "D — not a VAT payer", { vatPayer: false }),
      archived: await makeProfile(school.id, "E — archived", { archivedAt: new Date(), defaultVatName: "Redusa", defaultVatPercentage: "11.00" }),
    };
    await setDefaultVat(t.db, { orgId: school.id, actorUserId: school.admin.userId, profileId: profiles.reduced, vatName: "Redusa" });
    await setDefaultVat(t.db, { orgId: school.id, actorUserId: school.admin.userId, profileId: profiles.normal, vatName: "Normala" });
    expect((await listProfilesWithVatIssues(t.db, school.id)).map((p) => [p.companyName, p.issue])).toEqual([["C — no default yet", "missing"]]);

    await admin.setTaxes({
      cif: DEMO.company.cif,
      taxes: [
        { name: "Normala", percentage: 19 },
        { name: "Taxare inversa", percentage: 0 },
        { name: "Scutit", percentage: 0 },
        { name: "Cota speciala", percentage: 5 },
      ],
    });
    const result = await sync(school);
    expect(result.added).toEqual([{ name: "Cota speciala", percentage: "5.00" }]);
    expect(result.removed).toEqual([{ name: "Redusa", percentage: "11.00" }]);
    expect(result.changed).toEqual([{ name: "Normala", from: "21.00", to: "19.00" }]);

    const [redusa] = await t.db.select().from(vatLevels).where(and(eq(vatLevels.orgId, school.id), eq(vatLevels.name, "Redusa")));
    expect(redusa!.removedAt).toBeInstanceOf(Date);
    expect(names(await listActiveVatLevels(t.db, school.id))).toEqual(["Cota speciala", "Normala", "Scutit", "Taxare inversa"]);

    // The flagged profiles: the removed default, the changed one, the one never set. Not the exempt or archived ones.
    const issues = await listProfilesWithVatIssues(t.db, school.id);
    expect(issues.map((p) => [p.companyName, p.issue, p.defaultVatName, p.currentPercentage])).toEqual([
      ["A — reduced", "removed", "Redusa", null],
      ["B — normal", "changed", "Normala", "19.00"],
      ["C — no default yet", "missing", null, null],
    ]);
    await expect(assertVatReady(t.db, school.id)).rejects.toMatchObject({ message: "vat.continue.defaultsMissing" });

    // A removed level cannot be chosen; choosing the changed one again takes its new percentage.
    const gone = await failure(setDefaultVat(t.db, { orgId: school.id, actorUserId: school.admin.userId, profileId: profiles.none, vatName: "Redusa" }));
    expect([gone.code, gone.message]).toEqual(["validation", "vat.defaults.levelGone"]);
    await saveVatChoices(t.db, {
      orgId: school.id,
      actorUserId: school.admin.userId,
      mode: "payer_added",
      defaults: [
        { profileId: profiles.reduced, vatName: "Cota speciala" },
        { profileId: profiles.normal, vatName: "Normala" },
        { profileId: profiles.none, vatName: "Normala" },
      ],
      requireReady: true,
    });
    expect(await listProfilesWithVatIssues(t.db, school.id)).toEqual([]);
    const [normal] = await t.db.select().from(billingProfiles).where(eq(billingProfiles.id, profiles.normal));
    expect([normal!.defaultVatName, normal!.defaultVatPercentage]).toEqual(["Normala", "19.00"]);
    const defaultsAudit = await t.db.select().from(auditLog).where(and(eq(auditLog.orgId, school.id), eq(auditLog.action, "vat.default_changed")));
    expect(defaultsAudit).toHaveLength(5);
  });

  it("a level that comes back in SmartBill is added again and no longer removed", async () => {
    await admin.setTaxes({ cif: DEMO.company.cif, taxes: [...DEMO.company.taxes, { name: "Cota speciala", percentage: 5 }] });
    const result = await sync(school);
    expect(result.added).toEqual([{ name: "Redusa", percentage: "11.00" }]);
    expect(result.changed).toEqual([{ name: "Normala", from: "19.00", to: "21.00" }]);
    const [redusa] = await t.db.select().from(vatLevels).where(and(eq(vatLevels.orgId, school.id), eq(vatLevels.name, "Redusa")));
    expect(redusa!.removedAt).toBeNull();
    await admin.setTaxes({ cif: DEMO.company.cif, taxes: [...DEMO.company.taxes] });
  });

  it("a SmartBill failure is a plain error with SmartBill's text, recorded on the connection, and changes nothing", async () => {
    const before = await t.db.select().from(vatSyncs).where(eq(vatSyncs.orgId, school.id));
    await admin.addFault({ account: DEMO.email, kind: "error_text_200", path: "/tax", errorText: "Eroare simulata la cote." });
    const e = await failure(sync(school));
    expect([e.code, e.message, e.detail]).toEqual(["external", "vat.syncFailure.other", "Eroare simulata la cote."]);
    const [conn] = await t.db.select().from(smartbillConnections).where(eq(smartbillConnections.id, school.connection!));
    expect(conn!.lastErrorOriginal).toBe("Eroare simulata la cote.");
    expect(await t.db.select().from(vatSyncs).where(eq(vatSyncs.orgId, school.id))).toHaveLength(before.length);

    await admin.addFault({ account: DEMO.email, kind: "html_500", path: "/tax", count: 5 });
    expect((await failure(sync(school))).message).toBe("vat.syncFailure.unreachable");
    await admin.clearFaults({ account: DEMO.email });
  });
});

describe("organisation scoping", () => {
  it("another organisation on the same SmartBill company has its own levels, syncs and profiles", async () => {
    expect(await listActiveVatLevels(t.db, other.id)).toEqual([]);
    const first = await sync(other);
    expect(first.isFirst).toBe(true);
    expect(first.added).toHaveLength(4);
    const overview = await getVatOverview(t.db, other.id);
    expect(overview.profiles).toEqual([]);
    expect(overview.lastSync?.isFirst).toBe(true);
  });

  it("a profile of another organisation cannot be changed", async () => {
    const [schoolProfile] = await t.db.select().from(billingProfiles).where(eq(billingProfiles.orgId, school.id)).limit(1);
    const e = await failure(setDefaultVat(t.db, { orgId: other.id, actorUserId: other.admin.userId, profileId: schoolProfile!.id, vatName: "Normala" }));
    expect(e.code).toBe("not_found");
  });

  it("an organisation without a SmartBill connection is told to connect first", async () => {
    const lonely = await createSchool(t.db, { name: "Not connected" });
    expect((await failure(sync(lonely))).message).toBe("setup.notConnected");
  });
});

describe("not a VAT payer", () => {
  it("the demo club (41144780) has no levels: the sync says so and nothing is required to continue", async () => {
    await t.db.insert(billingSettings).values({ orgId: club.id, vatMode: "not_payer" });
    const profile = await makeProfile(club.id, "Clubul Demo", { isDefault: true });
    const result = await sync(club);
    expect(result).toMatchObject({ vatPayer: false, added: [], removed: [], changed: [] });
    expect(await listActiveVatLevels(t.db, club.id)).toEqual([]);
    const [row] = await t.db.select().from(vatSyncs).where(eq(vatSyncs.orgId, club.id));
    expect(row!.vatPayer).toBe(false);
    const [conn] = await t.db.select().from(smartbillConnections).where(eq(smartbillConnections.id, club.connection!));
    expect(conn!.vatPayer).toBe(false);
    expect(await listProfilesWithVatIssues(t.db, club.id)).toEqual([]);
    await expect(assertVatReady(t.db, club.id)).resolves.toBeUndefined();

    // A payer mode for this company cannot be completed: there is nothing to choose from.
    await saveVatMode(t.db, { orgId: club.id, actorUserId: club.admin.userId, mode: "payer_included" });
    await expect(assertVatReady(t.db, club.id)).rejects.toMatchObject({ message: "vat.continue.noLevels" });
    const blocked = saveVatChoices(t.db, {
      orgId: club.id,
      actorUserId: club.admin.userId,
      mode: "payer_included",
      defaults: [{ profileId: profile, vatName: "Normala" }],
      requireReady: true,
    });
    expect((await failure(blocked)).fieldErrors).toEqual({ "defaults.0.vatName": ["vat.defaults.levelGone"] });
  });

  it("the mode change is audited once, not when saved unchanged", async () => {
    await saveVatMode(t.db, { orgId: club.id, actorUserId: club.admin.userId, mode: "not_payer" });
    await saveVatMode(t.db, { orgId: club.id, actorUserId: club.admin.userId, mode: "not_payer" });
    const rows = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.orgId, club.id), eq(auditLog.action, "vat.mode_changed")))
      .orderBy(auditLog.id);
    expect(rows.map((r) => r.details)).toEqual([
      { from: "not_payer", to: "payer_included" },
      { from: "payer_included", to: "not_payer" },
    ]);
  });

  it("a payer mode that was never synchronised cannot continue", async () => {
    const fresh = await createSchool(t.db, { name: "Fresh", connected: sandbox });
    await expect(assertVatReady(t.db, fresh.id)).rejects.toMatchObject({ message: "vat.continue.notSynced" });
  });
});
