// The registrations table's text search on real PostgreSQL: the capped count ("more than N"), paging
// past it, the same order as the unsearched table for every sort, and "select all matching".
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SEARCH_COUNT_CAP } from "../db/queries/registration-search";
import { listRegistrationIds, listRegistrations, type RegistrationListParams, type RegistrationSortKey } from "../db/queries/registrations";
import { createClient } from "../lib/registrations/clients";
import { recordPayment } from "../lib/registrations/record-payment";
import { createRegistration } from "../lib/registrations/registrations";
import { clientSchema, listRegistrationsSchema, registrationSchema } from "../lib/registrations/schemas";
import { createTestDb, type TestDb } from "./db";
import { makeRegOrg, type RegOrg } from "./registrations-fixtures";
import { invoicingTriggers } from "@/lib/invoicing/requests/automatic";

let t: TestDb;
let A: RegOrg;
let B: RegOrg;
const params = (p: Partial<RegistrationListParams> = {}): RegistrationListParams => ({ ...listRegistrationsSchema.parse({}), ...p });
const SORTS: RegistrationSortKey[] = ["reference", "participant", "client", "course", "price", "paid", "balance", "status", "created"];

beforeAll(async () => {
  t = await createTestDb();
  A = await makeRegOrg(t, "Alpha");
  B = await makeRegOrg(t, "Beta");
  const a = { orgId: A.id, actorUserId: A.users.staff };
  const stefan = await createClient(t.db, { ...a, input: clientSchema.parse({ buyerType: "person", name: "Ștefan Răducanu", country: "Romania" }) });
  const other = await createClient(t.db, { ...a, input: clientSchema.parse({ buyerType: "person", name: "Ana Pop", country: "Romania" }) });
  // 12 matches for "stefan": the fixture's (its client is Ștefan Popescu), 9 by their client, 2 by
  // their own name; prices repeat, so ties are broken by the id.
  const kids = ["Ana", "Ioana", "Matei", "Luca", "Sofia", "Irina", "David", "Toma", "Vlad"];
  for (const [i, kid] of kids.entries()) {
    const r = await createRegistration(t.db, { ...a, input: registrationSchema.parse({ clientId: stefan.id, courseId: A.course, participantName: `${kid} Răducanu`, price: `${100 + (i % 3)}` }) });
    if (i % 2) await recordPayment(t.db, { ...a, registrationId: r.id, amountBani: 5000 * i, paidOn: "2026-10-01", method: "card", source: "manual" }, invoicingTriggers);
  }
  for (const kid of ["Ștefania Pop", "Ștefan Pop", "Maria Pop"]) {
    await createRegistration(t.db, { ...a, input: registrationSchema.parse({ clientId: other.id, courseId: A.course, participantName: kid, price: "100" }) });
  }
  // Another school's "Ștefan" is never counted (its fixture has one too).
  const b = { orgId: B.id, actorUserId: B.users.staff };
  const bClient = await createClient(t.db, { ...b, input: clientSchema.parse({ buyerType: "person", name: "Ștefan Ionescu", country: "Romania" }) });
  await createRegistration(t.db, { ...b, input: registrationSchema.parse({ clientId: bClient.id, courseId: B.course, participantName: "Dan Ionescu", price: "100" }) });
});
afterAll(() => t.drop());

/** Every page of a search, following "next" while the count says there is one. */
async function allPages(p: Partial<RegistrationListParams>, cap: number) {
  const ids: string[] = [];
  for (let page = 1; page < 100; page++) {
    const res = await listRegistrations(t.db, A.id, params({ ...p, page }), { searchCountCap: cap });
    ids.push(...res.rows.map((r) => r.id));
    if (page >= res.pageCount) break;
  }
  return ids;
}

describe("text search count", () => {
  it("is exact up to the cap", async () => {
    const res = await listRegistrations(t.db, A.id, params({ q: "stefan", pageSize: 10 }), { searchCountCap: 12 });
    expect(res).toMatchObject({ total: 12, pageCount: 2, capped: false });
    expect(res.rows).toHaveLength(10);
    expect((await listRegistrations(t.db, A.id, params({ q: "stefan" }))).total).toBe(12);
    expect(SEARCH_COUNT_CAP).toBeGreaterThanOrEqual(100);
  });

  it("past the cap says 'more than' and still pages through every match", async () => {
    const res = await listRegistrations(t.db, A.id, params({ q: "stefan", pageSize: 4 }), { searchCountCap: 5 });
    // At least 5 match and more exist: pages 1 and 2 are known, the one after them is offered.
    expect(res).toMatchObject({ total: 5, pageCount: 2, capped: true });
    expect(res.rows).toHaveLength(4);
    const page3 = await listRegistrations(t.db, A.id, params({ q: "stefan", pageSize: 4, page: 3 }), { searchCountCap: 5 });
    expect(page3).toMatchObject({ total: 12, pageCount: 3, capped: false });
    expect(page3.rows).toHaveLength(4);
    const paged = await allPages({ q: "stefan", pageSize: 4 }, 5);
    const whole = (await listRegistrations(t.db, A.id, params({ q: "stefan", pageSize: 100 }))).rows.map((r) => r.id);
    expect(paged).toEqual(whole);
    expect(new Set(paged).size).toBe(12);
  });

  it("a page past the end of the matches shows the last one", async () => {
    const last = await listRegistrations(t.db, A.id, params({ q: "stefan", pageSize: 4, page: 3 }));
    expect((await listRegistrations(t.db, A.id, params({ q: "stefan", pageSize: 4, page: 50 }))).rows).toEqual(last.rows);
    expect(await listRegistrations(t.db, A.id, params({ q: "nobody-by-this-name" }))).toMatchObject({ rows: [], total: 0, pageCount: 1, capped: false });
  });

  it("orders matches as the table does, for every sort and direction, across pages and the cap", async () => {
    for (const sort of SORTS) {
      for (const dir of ["asc", "desc"] as const) {
        const table = (await listRegistrations(t.db, A.id, params({ sort, dir, pageSize: 100 }))).rows;
        const expected = table.filter((r) => /stefan/i.test(`${r.clientName} ${r.participantName}`.normalize("NFD").replace(/\p{M}/gu, ""))).map((r) => r.id);
        expect(expected).toHaveLength(12);
        expect(await allPages({ q: "ȘTEFAN", sort, dir, pageSize: 3 }, 4)).toEqual(expected);
      }
    }
  });

  it("'select all matching' is every match, not the capped count", async () => {
    const shown = await listRegistrations(t.db, A.id, params({ q: "stefan", pageSize: 2 }), { searchCountCap: 3 });
    expect(shown).toMatchObject({ total: 3, capped: true });
    const ids = await listRegistrationIds(t.db, A.id, params({ q: "stefan" }));
    expect(ids).toHaveLength(12);
    expect(await listRegistrationIds(t.db, B.id, params({ q: "stefan" }))).toHaveLength(2);
  });
});
