// The wizard's order is enforced on the server (issue 7, finding 10): a step's action refuses to complete
// before the steps before it, and setup cannot be finished while SmartBill is disconnected. Real wrapper,
// use-cases and PostgreSQL; only the session lookup is stubbed, as the HTTP boundary would supply it.
import crypto from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createTestDb, type TestDb } from "../../../../test/db";
import { auditLog, billingSettings, memberships, organisations, setupProgress, smartbillConnections, users, type SetupStep } from "../../../../db/schema";
import { encryptSecret } from "../../../../lib/crypto/secret-box";

let session: { user: { id: string } } | null = null;
vi.mock("next-auth", () => ({ getServerSession: vi.fn(async () => session) }));
vi.mock("next/headers", () => ({
  cookies: async () => ({ get: () => undefined, set: () => {} }),
  headers: async () => new Headers({ host: "localhost:3000" }),
}));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

let t: TestDb;

beforeAll(async () => {
  process.env.BURSAR_ENCRYPTION_KEY = crypto.randomBytes(32).toString("base64");
  t = await createTestDb();
  process.env.DATABASE_URL = t.url;
});
afterAll(async () => {
  const { getDbHandle } = await import("../../../../db");
  await getDbHandle().close();
  await t?.drop();
});
beforeEach(() => {
  session = null;
});

/** A school with an admin (and a staff member), connected to SmartBill, with `done` steps completed. */
async function makeSchool(done: SetupStep[], opts: { connected?: boolean } = {}) {
  const [org] = await t.db.insert(organisations).values({ name: "School" }).returning();
  const ids: string[] = [];
  for (const role of ["admin", "staff"] as const) {
    const [u] = await t.db.insert(users).values({ email: `${role}-${crypto.randomUUID()}@order.test`, name: role, passwordHash: "x" }).returning();
    await t.db.insert(memberships).values({ orgId: org!.id, userId: u!.id, role });
    ids.push(u!.id);
  }
  await t.db.insert(smartbillConnections).values({
    orgId: org!.id,
    username: "school@order.test",
    tokenCiphertext: encryptSecret("token-1234567890", org!.id),
    tokenLast4: "7890",
    cif: "RO12345674",
    // Nothing answers here: none of these checks may reach SmartBill.
    baseUrl: "http://127.0.0.1:9/SBORO/api",
    disconnectedAt: opts.connected === false ? new Date() : null,
  });
  if (done.length) await t.db.insert(setupProgress).values({ orgId: org!.id, currentStep: "credentials", completedSteps: done });
  session = { user: { id: ids[0]! } };
  return { orgId: org!.id, admin: ids[0]!, staff: ids[1]! };
}

const snapshot = (orgId: string) =>
  Promise.all([
    t.db.select().from(setupProgress).where(eq(setupProgress.orgId, orgId)),
    t.db.select().from(billingSettings).where(eq(billingSettings.orgId, orgId)),
    t.db.select().from(auditLog).where(eq(auditLog.orgId, orgId)),
  ]);

const actions = async () => ({
  generation: await import("./generation"),
  profiles: await import("./profiles"),
  series: await import("./series"),
  vat: await import("./vat"),
  bank: await import("./bank"),
  review: await import("./review"),
});

const refused = (error: string) => ({ ok: false, code: "conflict", error });

describe("the setup wizard's order", () => {
  it("refuses to complete any step before the steps before it, and changes nothing", async () => {
    const a = await actions();
    const school = await makeSchool([]);
    const before = await snapshot(school.orgId);
    expect(await a.generation.saveGenerationAction({ mode: "manual", triggerDebtCleared: true, triggerDownPayment: false })).toMatchObject(
      refused("setupOrder.earlierStepsFirst"),
    );
    expect(await a.profiles.completeProfilesStepAction({})).toMatchObject(refused("setupOrder.earlierStepsFirst"));
    expect(await a.series.completeSeriesStepAction({})).toMatchObject(refused("setupOrder.earlierStepsFirst"));
    expect(await a.vat.completeVatStepAction({ vatMode: "not_payer", defaults: [] })).toMatchObject(refused("setupOrder.earlierStepsFirst"));
    expect(await a.bank.skipBankAction({})).toMatchObject(refused("setupOrder.earlierStepsFirst"));
    expect(await a.review.finishSetupAction({})).toMatchObject(refused("setup.review.incomplete"));
    expect(await snapshot(school.orgId)).toEqual(before);
  });

  it("lets a step complete once every step before it is done, and no further", async () => {
    const a = await actions();
    const school = await makeSchool(["credentials"]);
    expect(await a.generation.saveGenerationAction({ mode: "manual", triggerDebtCleared: true, triggerDownPayment: false })).toEqual({
      ok: true,
      data: { next: "profiles" },
    });
    const [settings] = await t.db.select().from(billingSettings).where(eq(billingSettings.orgId, school.orgId));
    expect(settings).toMatchObject({ generationMode: "manual" });
    // Profiles, series and VAT are still to do: the bank step cannot be skipped yet, nor setup finished.
    expect(await a.bank.skipBankAction({})).toMatchObject(refused("setupOrder.earlierStepsFirst"));
    expect(await a.vat.completeVatStepAction({ vatMode: "not_payer", defaults: [] })).toMatchObject(refused("setupOrder.earlierStepsFirst"));
    expect(await a.review.finishSetupAction({})).toMatchObject(refused("setup.review.incomplete"));
  });

  it("cannot be finished, nor a later step completed, while SmartBill is disconnected", async () => {
    const a = await actions();
    const school = await makeSchool(["credentials", "generation", "profiles", "series", "vat", "bank"], { connected: false });
    const before = await snapshot(school.orgId);
    expect(await a.review.finishSetupAction({})).toMatchObject(refused("setup.notConnected"));
    expect(await a.bank.skipBankAction({})).toMatchObject(refused("setup.notConnected"));
    expect(await a.generation.saveGenerationAction({ mode: "automatic", triggerDebtCleared: true, triggerDownPayment: true })).toMatchObject(
      refused("setup.notConnected"),
    );
    expect(await snapshot(school.orgId)).toEqual(before);

    await t.db.update(smartbillConnections).set({ disconnectedAt: null }).where(eq(smartbillConnections.orgId, school.orgId));
    expect(await a.review.finishSetupAction({})).toEqual({ ok: true, data: { done: true } });
    const [progress] = await t.db.select().from(setupProgress).where(eq(setupProgress.orgId, school.orgId));
    expect(progress!.finishedAt).not.toBeNull();
    expect(progress!.completedSteps).toContain("review");
  });
});

describe("remembering the opened step", () => {
  it("is an admin's action that only moves to a step the admin may open", async () => {
    const { visitStepAction } = await import("./visit");
    const school = await makeSchool(["credentials", "generation"]);
    const progressOf = async () => (await t.db.select().from(setupProgress).where(eq(setupProgress.orgId, school.orgId)))[0]!.currentStep;

    session = { user: { id: school.staff } };
    expect(await visitStepAction({ step: "generation" })).toMatchObject({ ok: false, code: "forbidden" });
    session = { user: { id: school.admin } };
    expect(await visitStepAction({ step: "review" })).toEqual({ ok: true, data: null });
    expect(await progressOf()).toBe("credentials");
    expect(await visitStepAction({ step: "generation" })).toEqual({ ok: true, data: null });
    expect(await progressOf()).toBe("generation");
  });
});
