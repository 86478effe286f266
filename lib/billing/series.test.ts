// Live series listing against the SmartBill sandbox over HTTP: only invoice series, failures become a
// plain message plus SmartBill's text (never a throw), every call is recorded on the connection, and a
// profile is bound only to a series SmartBill lists.
import crypto from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../test/db";
import { auditLog, billingProfiles, organisations, smartbillConnections, users } from "../../db/schema";
import { encryptSecret } from "../crypto/secret-box";
import { AppError } from "../errors";
import { createSmartBill, loadSmartBillConfig, type SmartBill } from "../smartbill";
import { sandboxAdmin, type SandboxAdmin } from "../smartbill-sandbox/admin";
import { DEMO_SMARTBILL } from "../smartbill-sandbox/demo";
import { startSandboxServer, type SandboxServer } from "../smartbill-sandbox/server";
import { en } from "../../messages";
import type { VerifyFailure } from "./connection";
import { checkSeriesStep, chooseSeries, listInvoiceSeries } from "./series";

const DEMO = DEMO_SMARTBILL;
let t: TestDb;
let admin: SandboxAdmin;
let server: SandboxServer;
let sb: SmartBill;

interface Org {
  id: string;
  user: string;
  connection: string | null;
}

async function makeOrg(name: string, link?: { cif: string; token?: string }): Promise<Org> {
  const [org] = await t.db.insert(organisations).values({ name }).returning();
  const [user] = await t.db
    .insert(users)
    .values({ email: `admin-${crypto.randomUUID()}@series.test`, name: `${name} admin`, passwordHash: "x" })
    .returning();
  if (!link) return { id: org!.id, user: user!.id, connection: null };
  const token = link.token ?? DEMO.token;
  const [c] = await t.db
    .insert(smartbillConnections)
    .values({
      orgId: org!.id,
      username: DEMO.email,
      tokenCiphertext: encryptSecret(token, org!.id),
      tokenLast4: token.slice(-4),
      cif: link.cif,
      baseUrl: server.baseUrl,
      isSandbox: true,
    })
    .returning();
  return { id: org!.id, user: user!.id, connection: c!.id };
}

async function makeProfile(orgId: string, companyName: string, seriesName: string | null = null) {
  const [p] = await t.db.insert(billingProfiles).values({ orgId, companyName, cif: "RO12345674", seriesName }).returning();
  return p!.id;
}

const connectionOf = async (org: Org) => (await t.db.select().from(smartbillConnections).where(eq(smartbillConnections.id, org.connection!)))[0]!;
const seriesOf = async (profileId: string) => (await t.db.select().from(billingProfiles).where(eq(billingProfiles.id, profileId)))[0]!.seriesName;
const failSeries = (count = 3) => admin.addFault({ account: DEMO.email, kind: "status", status: 503, path: "/series", method: "GET", count });

async function failure(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return e as AppError;
  }
  return expect.unreachable("expected an AppError");
}

let school: Org;
let club: Org;

beforeAll(async () => {
  process.env.BURSAR_ENCRYPTION_KEY = crypto.randomBytes(32).toString("base64");
  t = await createTestDb();
  admin = sandboxAdmin(t.sql);
  await admin.reset({ seedDemo: true });
  await admin.setRateLimit({ account: DEMO.email, limit: 100_000, windowMs: 10_000 });
  server = await startSandboxServer({ sql: t.sql });
  // Two retries for reads, as in production, but quick.
  const config = loadSmartBillConfig({}, { maxRetries: 2, retryBaseMs: 5, timeoutMs: 2_000, logLevel: "silent", rateLimit: { limit: 100_000 } });
  sb = createSmartBill({ db: t.db, config });
  school = await makeOrg("School", { cif: DEMO.company.cif });
  club = await makeOrg("Club", { cif: DEMO.club.cif });
});
afterAll(async () => {
  await server?.close();
  await t?.drop();
});
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
    const wrong = await makeOrg("Wrong token", { cif: DEMO.company.cif, token: "not-the-right-token" });
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
    const loose = await makeOrg("Not connected");
    expect(await listInvoiceSeries(t.db, loose.id, sb)).toMatchObject({ ok: false, error: "setup.notConnected", detail: null });
  });
});

describe("choosing a series", () => {
  it("binds a series SmartBill lists, and audits it", async () => {
    const id = await makeProfile(school.id, "Școala Demo SRL");
    await chooseSeries(t.db, { orgId: school.id, actorUserId: school.user, profileId: id, seriesName: "BRSC" }, sb);
    expect(await seriesOf(id)).toBe("BRSC");
    const [entry] = await t.db.select().from(auditLog).where(and(eq(auditLog.orgId, school.id), eq(auditLog.entityId, id)));
    expect(entry).toMatchObject({ action: "billing_profile.series_changed", actorUserId: school.user, details: { from: null, to: "BRSC" } });
  });

  it("refuses a series SmartBill does not list (another type, or another company's)", async () => {
    const id = await makeProfile(school.id, "Școala Demo SRL");
    for (const seriesName of ["PRF", "CLB", "NOPE"]) {
      const e = await failure(chooseSeries(t.db, { orgId: school.id, actorUserId: school.user, profileId: id, seriesName }, sb));
      expect(e).toMatchObject({ code: "validation", message: "profiles.series.unknown", fieldErrors: { seriesName: ["profiles.series.unknown"] } });
    }
    expect(await seriesOf(id)).toBeNull();
  });

  it("when SmartBill fails, says so with SmartBill's answer and changes nothing", async () => {
    const id = await makeProfile(school.id, "Școala Demo SRL", "BRS");
    await failSeries();
    const e = await failure(chooseSeries(t.db, { orgId: school.id, actorUserId: school.user, profileId: id, seriesName: "BRSC" }, sb));
    expect(e).toMatchObject({ code: "external", message: "profiles.series.failure.unreachable" });
    expect(await seriesOf(id)).toBe("BRS");
  });

  it("another organisation's profile is not_found and stays unchanged", async () => {
    const id = await makeProfile(school.id, "Școala Demo SRL", "BRS");
    const e = await failure(chooseSeries(t.db, { orgId: club.id, actorUserId: club.user, profileId: id, seriesName: "CLB" }, sb));
    expect(e).toMatchObject({ code: "not_found" });
    expect(await seriesOf(id)).toBe("BRS");
  });
});

describe("completing the series step", () => {
  it("needs every active profile bound to a series SmartBill still lists", async () => {
    const org = await makeOrg("Completing", { cif: DEMO.company.cif });
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
