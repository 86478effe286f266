// Reads never write: a school that never saved a billing choice reads the defaults and nothing is
// inserted; the row appears when a choice is saved (real PostgreSQL).
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/test/db";
import { createSchool } from "@/test/school";
import { auditLog, billingSettings } from "../../db/schema";
import { getBillingOverview } from "./overview";
import { getBillingSettings } from "@/db/queries/billing-settings";
import { saveGeneration } from "./settings";
import { getVatOverview, listProfilesWithVatIssues, saveVatMode } from "./vat";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t?.drop();
});

async function makeOrg() {
  const school = await createSchool(t.db, { name: "Settings School" });
  return { orgId: school.id, userId: school.admin.userId };
}
const rowsOf = (orgId: string) => t.db.select().from(billingSettings).where(eq(billingSettings.orgId, orgId));

describe("billing settings", () => {
  it("are read without writing: a new school gets the defaults and no row", async () => {
    const { orgId } = await makeOrg();
    expect(await getBillingSettings(t.db, orgId)).toMatchObject({
      orgId,
      generationMode: "automatic",
      triggerDebtCleared: true,
      triggerDownPayment: true,
      vatMode: "payer_included",
      vatSyncedAt: null,
    });
    await getBillingOverview(t.db, orgId);
    await getVatOverview(t.db, orgId);
    await listProfilesWithVatIssues(t.db, orgId);
    expect(await rowsOf(orgId)).toEqual([]);
  });

  it("get their row when a choice is saved, audited from the defaults", async () => {
    const { orgId, userId } = await makeOrg();
    await saveGeneration(t.db, { orgId, actorUserId: userId, input: { mode: "manual", triggerDebtCleared: false, triggerDownPayment: true } });
    expect(await rowsOf(orgId)).toEqual([expect.objectContaining({ generationMode: "manual", triggerDebtCleared: false })]);
    const [audit] = await t.db.select().from(auditLog).where(eq(auditLog.orgId, orgId));
    expect(audit!.details).toMatchObject({ from: { mode: "automatic" }, to: { mode: "manual" } });

    const other = await makeOrg();
    await saveVatMode(t.db, { orgId: other.orgId, actorUserId: other.userId, mode: "not_payer" });
    expect(await rowsOf(other.orgId)).toEqual([expect.objectContaining({ vatMode: "not_payer" })]);
  });
});
