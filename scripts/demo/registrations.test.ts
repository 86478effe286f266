// The demo school's registrations: every payment state, valid buyer data, consistent totals, once.
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clients, organisations, registrations } from "../../db/schema";
import { listRegistrations } from "../../db/queries/registrations";
import { isValidReference } from "../../lib/registrations/reference";
import { clientSchema, listRegistrationsSchema } from "../../lib/registrations/schemas";
import { createTestDb, type TestDb } from "../../test/db";
import { seedDemoRegistrations } from "./registrations";

let t: TestDb;
let orgId: string;

beforeAll(async () => {
  t = await createTestDb();
  const [org] = await t.db.insert(organisations).values({ name: "Școala Demo" }).returning();
  orgId = org!.id;
  expect(await seedDemoRegistrations(t.db, orgId)).toEqual({ registrations: 300 });
});
afterAll(() => t.drop());

describe("demo registrations", () => {
  it("cover every payment state, with a full first page for staff", async () => {
    const rows = await t.db.execute(sql`select payment_status, count(*)::int as n from registrations where org_id = ${orgId} group by 1`);
    expect(rows.map((r) => r.payment_status).sort()).toEqual(["down_payment_paid", "not_paid", "overpaid", "paid", "partially_paid"]);
    const page = await listRegistrations(t.db, orgId, listRegistrationsSchema.parse({}));
    expect(page.total).toBeGreaterThan(270);
    expect(page.rows).toHaveLength(25);
  });

  it("keep paid amounts equal to their payments that are not voided", async () => {
    const [bad] = await t.db.execute(sql`
      select count(*)::int as n from registrations r
      where r.org_id = ${orgId} and r.paid_bani <> (select coalesce(sum(amount_bani), 0) from payments p where p.registration_id = r.id and p.voided_at is null)`);
    expect(bad!.n).toBe(0);
    const [voided] = await t.db.execute(sql`select count(*)::int as n from payments where org_id = ${orgId} and voided_at is not null`);
    expect(voided!.n).toBeGreaterThan(0);
  });

  it("have valid references, buyers the client form accepts, and București clients with sectors", async () => {
    const regs = await t.db.select({ reference: registrations.reference }).from(registrations).where(eq(registrations.orgId, orgId));
    expect(regs.every((r) => isValidReference(r.reference))).toBe(true);
    const all = await t.db.select().from(clients).where(eq(clients.orgId, orgId));
    for (const c of all) expect(clientSchema.safeParse(c).success, c.name).toBe(true);
    expect(all.filter((c) => c.buyerType === "company").length).toBeGreaterThan(5);
    expect(all.filter((c) => c.county === "București").every((c) => /^Sector [1-6]$/.test(c.city!))).toBe(true);
    expect(all.some((c) => /[ăâîșț]/i.test(c.name))).toBe(true);
  });

  it("are seeded once", async () => {
    expect(await seedDemoRegistrations(t.db, orgId)).toBeNull();
    const [n] = await t.db.execute(sql`select count(*)::int as n from registrations where org_id = ${orgId}`);
    expect(n!.n).toBe(300);
  });
});
