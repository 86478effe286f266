import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { billingProfiles, billingSettings, courses, registrations } from "@/db/schema";
import { createTestDb, type TestDb } from "@/test/db";
import { createInvoicingSchool } from "@/test/invoicing";
import { CLUB_CIF, SCHOOL_CIF, startSandbox, type Sandbox } from "@/test/sandbox";
import { planInvoice } from "./issuer";

let t: TestDb;
let sandbox: Sandbox;
beforeAll(async () => {
  t = await createTestDb();
  sandbox = await startSandbox({ db: t });
});
afterAll(async () => {
  await sandbox?.close();
  await t?.drop();
});

describe("planInvoice: profile → series → VAT level → payload", () => {
  it("uses the default profile and its VAT level, prices including VAT", async () => {
    const s = await createInvoicingSchool(t, sandbox);
    const plan = await planInvoice(t.db, s.orgId, { registrationId: s.registrations[0]!, amountBani: 45_050, issueDate: "2026-11-25" });
    expect(plan).toMatchObject({ seriesName: "BRS", vatMode: "payer_included", vat: { name: "Normala", percentage: 21 }, totals: { totalBani: 45_050, netBani: 37_231, vatBani: 7_819 } });
    expect(plan.payload).toMatchObject({
      seriesName: "BRS",
      issueDate: "2026-11-25",
      dueDate: "2026-12-10",
      client: { name: "Ștefan Popescu", vatCode: "0000000000000", city: "Sector 3", county: "București" },
      products: [{ name: "Dans modern — Copil 1", price: 450.5, quantity: 1, isTaxIncluded: true, taxName: "Normala", taxPercentage: 21 }],
    });
  });
  it("the preview's override beats the course's level, which beats the profile's; VAT added on net prices", async () => {
    const s = await createInvoicingSchool(t, sandbox);
    await t.db.update(billingSettings).set({ vatMode: "payer_added" }).where(eq(billingSettings.orgId, s.orgId));
    await t.db.update(courses).set({ vatName: "Redusa", vatPercentage: "11" }).where(eq(courses.id, s.courseId));
    const course = await planInvoice(t.db, s.orgId, { registrationId: s.registrations[0]!, amountBani: 10_000 });
    expect(course).toMatchObject({ vat: { name: "Redusa", percentage: 11 }, totals: { netBani: 10_000, vatBani: 1_100, totalBani: 11_100 } });
    expect(course.payload.products[0]).toMatchObject({ isTaxIncluded: false, taxName: "Redusa" });
    const override = await planInvoice(t.db, s.orgId, { registrationId: s.registrations[0]!, amountBani: 10_000, vatOverride: { name: "Scutit", percentage: 0 } });
    expect(override).toMatchObject({ vat: { name: "Scutit", percentage: 0 }, totals: { totalBani: 10_000, vatBani: 0 } });
  });
  it("a course's own profile (a non-VAT payer club) issues into its series without VAT", async () => {
    const s = await createInvoicingSchool(t, sandbox);
    const [club] = await t.db.insert(billingProfiles).values({ orgId: s.orgId, companyName: "Clubul Demo", cif: CLUB_CIF, seriesName: "CLB", vatPayer: false }).returning();
    await t.db.update(courses).set({ billingProfileId: club!.id }).where(eq(courses.id, s.courseId));
    const plan = await planInvoice(t.db, s.orgId, { registrationId: s.registrations[0]!, amountBani: 30_000 });
    expect(plan).toMatchObject({ companyCif: CLUB_CIF, seriesName: "CLB", vatMode: "not_payer", vat: null, totals: { totalBani: 30_000, vatBani: 0 } });
    expect(plan.payload.products[0]).not.toHaveProperty("taxName");
  });
  it("a registration sold below the course's price, invoiced whole: list price + a discount line; SmartBill's totals agree", async () => {
    const s = await createInvoicingSchool(t, sandbox, { count: 1 });
    await t.db.update(registrations).set({ priceBani: 85_050 }).where(eq(registrations.id, s.registrations[0]!));
    for (const vatMode of ["payer_included", "payer_added"] as const) {
      await t.db.update(billingSettings).set({ vatMode }).where(eq(billingSettings.orgId, s.orgId));
      const plan = await planInvoice(t.db, s.orgId, { registrationId: s.registrations[0]!, amountBani: 85_050 });
      expect(plan.payload.products).toEqual([
        expect.objectContaining({ name: "Dans modern — Copil 1", productDescription: "Toamna 2026, 15.09.2026 – 31.01.2027", price: 1000, quantity: 1 }),
        expect.objectContaining({ isDiscount: true, numberOfItems: 1, discountType: 1, discountValue: -149.5, taxName: "Normala", taxPercentage: 21, isTaxIncluded: vatMode === "payer_included" }),
      ]);
      const doc = await sandbox.sb.invoices.create(sandbox.creds, plan.payload);
      const [stored] = (await sandbox.admin.listInvoices({ cif: SCHOOL_CIF, seriesName: "BRS", limit: 1000 })).filter((i) => i.number === doc.number);
      expect([stored!.totalNet, stored!.totalVat, stored!.total]).toEqual([plan.totals.netBani, plan.totals.vatBani, plan.totals.totalBani]);
    }
    // A part of it (a down payment): one line of that amount, no discount.
    const partial = await planInvoice(t.db, s.orgId, { registrationId: s.registrations[0]!, amountBani: 30_000 });
    expect(partial.payload.products).toHaveLength(1);
    expect(partial.payload.products[0]).toMatchObject({ price: 300 });
  });
  it("'not a VAT payer' in the settings wins over a VAT-payer profile; a non-VAT club's discounted invoice totals as planned", async () => {
    const s = await createInvoicingSchool(t, sandbox, { count: 1 });
    await t.db.update(billingSettings).set({ vatMode: "not_payer" }).where(eq(billingSettings.orgId, s.orgId));
    const plan = await planInvoice(t.db, s.orgId, { registrationId: s.registrations[0]!, amountBani: 100_000 });
    expect(plan).toMatchObject({ vatMode: "not_payer", vat: null, totals: { netBani: 100_000, vatBani: 0, totalBani: 100_000 } });
    expect(plan.payload.products[0]).not.toHaveProperty("taxPercentage");

    const [club] = await t.db.insert(billingProfiles).values({ orgId: s.orgId, companyName: "Clubul Demo", cif: CLUB_CIF, seriesName: "CLB", vatPayer: false }).returning();
    await t.db.update(courses).set({ billingProfileId: club!.id }).where(eq(courses.id, s.courseId));
    await t.db.update(registrations).set({ priceBani: 70_001 }).where(eq(registrations.id, s.registrations[0]!));
    const discounted = await planInvoice(t.db, s.orgId, { registrationId: s.registrations[0]!, amountBani: 70_001 });
    expect(discounted.payload.products).toEqual([
      expect.objectContaining({ price: 1000 }),
      { name: "Discount", isDiscount: true, numberOfItems: 1, discountType: 1, discountValue: -299.99, measuringUnitName: "buc", currency: "RON" },
    ]);
    const doc = await sandbox.sb.invoices.create({ ...sandbox.creds, cif: CLUB_CIF }, discounted.payload);
    const [stored] = (await sandbox.admin.listInvoices({ cif: CLUB_CIF, seriesName: "CLB", limit: 1000 })).filter((i) => i.number === doc.number);
    expect([stored!.totalNet, stored!.totalVat, stored!.total]).toEqual([70_001, 0, 70_001]);
  });
  it("refuses without a profile, a series or a VAT level", async () => {
    const s = await createInvoicingSchool(t, sandbox);
    await t.db.update(billingProfiles).set({ defaultVatName: null, defaultVatPercentage: null }).where(eq(billingProfiles.id, s.profileId));
    await expect(planInvoice(t.db, s.orgId, { registrationId: s.registrations[0]!, amountBani: 100 })).rejects.toThrow("invoicing.errors.noVatLevel");
    await t.db.update(billingProfiles).set({ seriesName: null }).where(eq(billingProfiles.id, s.profileId));
    await expect(planInvoice(t.db, s.orgId, { registrationId: s.registrations[0]!, amountBani: 100 })).rejects.toThrow("invoicing.errors.noSeries");
    await t.db.update(billingProfiles).set({ isDefault: false }).where(eq(billingProfiles.id, s.profileId));
    await expect(planInvoice(t.db, s.orgId, { registrationId: s.registrations[0]!, amountBani: 100 })).rejects.toThrow("invoicing.errors.noProfile");
  });
});
