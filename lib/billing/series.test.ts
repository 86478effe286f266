// Live series listing against the SmartBill sandbox over HTTP: only invoice series, failures become a
// plain message plus SmartBill's text (never a throw), every call is recorded on the connection, and a
// profile is bound only to a series SmartBill lists.
import { and, eq } from "drizzle-orm";
import type { TestDb } from "@/test/db";
import { expectAppError as failure } from "@/test/expect";
import { DEMO, startSandbox, type Sandbox } from "@/test/sandbox";
import { createSchool, type School } from "@/test/school";
import type { SandboxAdmin } from "../smartbill-sandbox/admin";
import type { SmartBill } from "../smartbill";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { auditLog, billingProfiles, smartbillConnections } from "../../db/schema";
import { en } from "../../messages";
import type { VerifyFailure } from "./smartbill-call";
import { checkSeriesStep, chooseSeries, listInvoiceSeries } from "./series";

type Org = School<"admin">;

let sandbox: Sandbox;
let t: TestDb;
let admin: SandboxAdmin;
let sb: SmartBill;



async function makeProfile(orgId: string, companyName: string, seriesName: string | null = null) {
  const [p] = await t.db.insert(billingProfiles).values({ orgId, companyName, cif: "RO12345674", seriesName }).returning();
  return p!.id;
}

const connectionOf = async (org: Org) => (await t.db.select().from(smartbillConnections).where(eq(smartbillConnections.id, org.connection!)))[0]!;
const seriesOf = async (profileId: string) => (await t.db.select().from(billingProfiles).where(eq(billingProfiles.id, profileId)))[0]!.seriesName;
const failSeries = (count = 3) => admin.addFault({ account: DEMO.email, kind: "status", status: 503, path: "/series", method: "GET", count });


let school: Org;
let club: Org;

beforeAll(async () => {
  sandbox = await startSandbox();
  ({ db: t, admin, sb } = sandbox);
  school = await createSchool(t.db, { name: "School", connected: sandbox });
  club = await createSchool(t.db, { name: "Club", connected: { sandbox, cif: DEMO.club.cif } });
});
afterAll(() => sandbox?.close());
beforeEach(() => admin.clearFaults({}));

describe("listing", () => {
  it("lists only invoice series (type f) with their next numbers, and records the success", async () => {
    const listing = await listInvoiceSeries(t.db, school.id, sb);
    expect(listing).toMatchObject({ ok: true, series: [{ name: "BRS", nextNumber: 1 }, { name: "BRSC", nextNumber: 120 }] });
    expect((await connectionOf(school)).lastSuccessAt).toBeInstanceOf(Date);
    expect(await listInvoiceSeries(t.db, club.id, sb)).toMatchObject({ ok: true, series: [{ name: "CLB", nextNumber: 1 }] });
  });

  it("turns SmartBill being unreachable into a plain message, records it, and recovers on retry", async () => {
    await failSeries();
    const listing = await listInvoiceSeries(t.db, school.id, sb);
    expect(listing).toMatchObject({ ok: false, error: "profiles.series.failure.unreachable" });
    const c = await connectionOf(school);
    expect(c).toMatchObject({ lastErrorCode: "unavailable" });
    expect(c.lastErrorAt).toBeInstanceOf(Date);
    expect((await listInvoiceSeries(t.db, school.id, sb)).ok).toBe(true);
  });

  it("reports rejected credentials with SmartBill's own text", async () => {
    const wrong = await createSchool(t.db, { name: "Wrong token", connected: { sandbox, token: "not-the-right-token" } });
    const listing = await listInvoiceSeries(t.db, wrong.id, sb);
    expect(listing).toMatchObject({ ok: false, error: "profiles.series.failure.credentials" });
    expect(!listing.ok && listing.detail).toEqual(expect.any(String));
    expect(await connectionOf(wrong)).toMatchObject({ lastErrorCode: "credentials" });
  });

  it("has a message for every failure reason", () => {
    const reasons: VerifyFailure[] = ["credentials", "company_not_found", "no_api_access", "unreachable", "rate_limited", "other"];
    expect(Object.keys(en.profiles.series.failure).sort()).toEqual(reasons.sort());
  });

  it("says 'not connected' instead of throwing when there is no connection", async () => {
    const loose = await createSchool(t.db, { name: "Not connected" });
    expect(await listInvoiceSeries(t.db, loose.id, sb)).toMatchObject({ ok: false, error: "setup.notConnected", detail: null });
  });
});

describe("choosing a series", () => {
  it("binds a series SmartBill lists, and audits it", async () => {
    const id = await makeProfile(school.id, "Școala Demo SRL");
    await chooseSeries(t.db, { orgId: school.id, actorUserId: school.admin.userId, profileId: id, seriesName: "BRSC" }, sb);
    expect(await seriesOf(id)).toBe("BRSC");
    const [entry] = await t.db.select().from(auditLog).where(and(eq(auditLog.orgId, school.id), eq(auditLog.entityId, id)));
    expect(entry).toMatchObject({ action: "billing_profile.series_changed", actorUserId: school.admin.userId, details: { from: null, to: "BRSC" } });
  });

  it("refuses a series SmartBill does not list (another type, or another company's)", async () => {
    const id = await makeProfile(school.id, "Școala Demo SRL");
    for (const seriesName of ["PRF", "CLB", "NOPE"]) {
      const e = await failure(chooseSeries(t.db, { orgId: school.id, actorUserId: school.admin.userId, profileId: id, seriesName }, sb));
      expect(e).toMatchObject({ code: "validation", message: "profiles.series.unknown", fieldErrors: { seriesName: ["profiles.series.unknown"] } });
    }
    expect(await seriesOf(id)).toBeNull();
  });

  it("when SmartBill fails, says so with SmartBill's answer and changes nothing", async () => {
    const id = await makeProfile(school.id, "Școala Demo SRL", "BRS");
    await failSeries();
    const e = await failure(chooseSeries(t.db, { orgId: school.id, actorUserId: school.admin.userId, profileId: id, seriesName: "BRSC" }, sb));
    expect(e).toMatchObject({ code: "external", message: "profiles.series.failure.unreachable" });
    expect(await seriesOf(id)).toBe("BRS");
  });

  it("another organisation's profile is not_found and stays unchanged", async () => {
    const id = await makeProfile(school.id, "Școala Demo SRL", "BRS");
    const e = await failure(chooseSeries(t.db, { orgId: club.id, actorUserId: club.admin.userId, profileId: id, seriesName: "CLB" }, sb));
    expect(e).toMatchObject({ code: "not_found" });
    expect(await seriesOf(id)).toBe("BRS");
  });
});

describe("completing the series step", () => {
  it("needs every active profile bound to a series SmartBill still lists", async () => {
    const org = await createSchool(t.db, { name: "Completing", connected: sandbox });
    expect((await failure(checkSeriesStep(t.db, org.id, sb))).message).toBe("profiles.needOne");
    const a = await makeProfile(org.id, "Profile A", "BRS");
    const b = await makeProfile(org.id, "Profile B");
    expect(await failure(checkSeriesStep(t.db, org.id, sb))).toMatchObject({ code: "conflict", message: "profiles.series.needAll" });
    await t.db.update(billingProfiles).set({ seriesName: "GONE" }).where(eq(billingProfiles.id, b));
    expect(await failure(checkSeriesStep(t.db, org.id, sb))).toMatchObject({ code: "conflict", message: "profiles.series.stale" });
    // SmartBill down: the saved choices (each checked when chosen) are trusted rather than blocking setup.
    await failSeries();
    await expect(checkSeriesStep(t.db, org.id, sb)).resolves.toBeUndefined();
    await t.db.update(billingProfiles).set({ seriesName: "BRSC" }).where(eq(billingProfiles.id, b));
    await expect(checkSeriesStep(t.db, org.id, sb)).resolves.toBeUndefined();
    expect(await seriesOf(a)).toBe("BRS");
  });
});
