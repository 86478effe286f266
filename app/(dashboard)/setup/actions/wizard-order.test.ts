// The wizard's order is enforced on the server (issue 7, finding 10): a step's action refuses to complete
// before the steps before it, and setup cannot be finished while SmartBill is disconnected. Real wrapper,
// use-cases and PostgreSQL; only the request is simulated (test/session.ts).
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { auditLog, billingSettings, setupProgress, smartbillConnections, type SetupStep } from "@/db/schema";
import { createTestDb, type TestDb } from "@/test/db";
import { createSchool } from "@/test/school";
import { actAs, signOut } from "@/test/session";

let t: TestDb;

beforeAll(async () => {
  t = await createTestDb({ app: true });
});
afterAll(async () => {
  await t?.drop();
});
beforeEach(() => signOut());

/** A school with an admin (signed in) and a staff member, connected to SmartBill, with `done` steps completed. */
async function makeSchool(done: SetupStep[], opts: { connected?: boolean } = {}) {
  const school = await createSchool(t.db, { roles: ["admin", "staff"], connected: { cif: "RO12345674" } });
  await t.db
    .update(smartbillConnections)
    // Nothing answers here: none of these checks may reach SmartBill.
    .set({ baseUrl: "http://127.0.0.1:9/SBORO/api", disconnectedAt: opts.connected === false ? new Date() : null })
    .where(eq(smartbillConnections.orgId, school.id));
  if (done.length) await t.db.insert(setupProgress).values({ orgId: school.id, currentStep: "credentials", completedSteps: done });
  actAs(school.admin);
  return { orgId: school.id, admin: school.admin, staff: school.staff };
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

    signOut();
    expect(await visitStepAction({ step: "generation" })).toMatchObject({ ok: false, code: "unauthenticated" });
    actAs(school.staff);
    expect(await visitStepAction({ step: "generation" })).toMatchObject({ ok: false, code: "forbidden" });
    expect(await progressOf()).toBe("credentials");
    actAs(school.admin);
    expect(await visitStepAction({ step: "review" })).toEqual({ ok: true, data: null });
    expect(await progressOf()).toBe("credentials");
    expect(await visitStepAction({ step: "generation" })).toEqual({ ok: true, data: null });
    expect(await progressOf()).toBe("generation");
  });
});
