// Invoices issued in SmartBill, not by Bursar: organisation first, the range on Bucharest calendar days
// of when Bursar saw them, newest first, and the count.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outsideInvoices } from "@/db/schema";
import { createTestDb, type TestDb } from "@/test/db";
import { createSchool } from "@/test/school";
import { countOutsideInvoices, listOutsideInvoices } from "./outside-invoices";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t?.drop();
});

describe("outside invoices", () => {
  it("lists and counts the school's own, in the range of days (Europe/Bucharest), newest first", async () => {
    const a = await createSchool(t.db, { name: "A" });
    const b = await createSchool(t.db, { name: "B" });
    const row = (orgId: string, number: string, seenAt: string) => ({ orgId, companyCif: "RO12345674", seriesName: "BRS", number, seenAt: new Date(seenAt) });
    await t.db.insert(outsideInvoices).values([
      // 1 March 00:30 in Bucharest is still 28 February in UTC.
      row(a.id, "0010", "2026-02-28T22:30:00Z"),
      row(a.id, "0011", "2026-03-15T10:00:00Z"),
      row(a.id, "0012", "2026-03-31T21:30:00Z"), // 1 April in Bucharest
      row(b.id, "0013", "2026-03-10T10:00:00Z"),
    ]);
    const march = { from: "2026-03-01", to: "2026-03-31" };
    expect((await listOutsideInvoices(t.db, a.id, { ...march, limit: 10 })).map((r) => r.number)).toEqual(["0011", "0010"]);
    expect(await countOutsideInvoices(t.db, a.id, march)).toBe(2);
    expect((await listOutsideInvoices(t.db, a.id, { limit: 10 })).map((r) => r.number)).toEqual(["0012", "0011", "0010"]);
    expect((await listOutsideInvoices(t.db, a.id, { limit: 1 })).map((r) => r.number)).toEqual(["0012"]);
    expect(await countOutsideInvoices(t.db, a.id)).toBe(3);
    expect((await listOutsideInvoices(t.db, b.id, { ...march, limit: 10 })).map((r) => r.number)).toEqual(["0013"]);
    expect(await countOutsideInvoices(t.db, b.id, { from: "2026-04-01", to: "2026-04-30" })).toBe(0);
  });
});
