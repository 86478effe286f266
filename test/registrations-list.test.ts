// The registrations table's query on real PostgreSQL: search, filters, sorts, pages from both ends.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listCourses } from "../db/queries/courses";
import { listRegistrationIds, listRegistrations, type RegistrationListParams } from "../db/queries/registrations";
import { createClient } from "../lib/registrations/clients";
import { createCourse } from "../lib/registrations/courses";
import { recordPayment } from "../lib/registrations/record-payment";
import { createRegistration, cancelRegistration } from "../lib/registrations/registrations";
import { clientSchema, courseSchema, listRegistrationsSchema, registrationSchema } from "../lib/registrations/schemas";
import { createTestDb, type TestDb } from "./db";
import { makeRegOrg, type RegOrg } from "./registrations-fixtures";
import { invoicingTriggers } from "@/lib/invoicing/requests/automatic";

let t: TestDb;
let A: RegOrg;
let B: RegOrg;
let winterCourse: string;

const params = (p: Partial<RegistrationListParams> = {}): RegistrationListParams => ({ ...listRegistrationsSchema.parse({}), ...p });

beforeAll(async () => {
  t = await createTestDb();
  A = await makeRegOrg(t, "Alpha");
  B = await makeRegOrg(t, "Beta");
  const a = { orgId: A.id, actorUserId: A.users.staff };
  const winter = await createCourse(t.db, {
    ...a,
    input: courseSchema.parse({ name: "Șah", price: "500", termName: "Primăvara 2027", termStart: "2027-02-01", termEnd: "2027-06-15" }),
  });
  winterCourse = winter.id;
  const names = ["Andrei Țurcanu", "Bianca Șerban", "Cezar Ionescu", "Dana Mureșan", "Elena Stan", "Florin Ștefănescu", "Gabriela Dinu", "Horia Lupu", "Irina Pavel", "Ștefan Ciobanu"];
  const client = await createClient(t.db, { ...a, input: clientSchema.parse({ buyerType: "person", name: "Mihaela Răducanu", country: "Romania" }) });
  for (const [i, name] of names.entries()) {
    const r = await createRegistration(t.db, {
      ...a,
      input: registrationSchema.parse({ clientId: client.id, courseId: i % 2 ? winter.id : A.course, participantName: name, price: `${100 + i}` }),
    });
    if (i % 3 === 0) await recordPayment(t.db, { ...a, registrationId: r.id, amountBani: r.priceBani, paidOn: "2026-10-01", method: "card", source: "manual" }, invoicingTriggers);
    if (i === 9) await cancelRegistration(t.db, { ...a, registrationId: r.id, reason: "left" });
  }
});
afterAll(() => t.drop());

describe("listRegistrations", () => {
  it("counts and pages only the organisation's active registrations", async () => {
    const res = await listRegistrations(t.db, A.id, params({ pageSize: 10 }));
    expect(res.total).toBe(10); // 1 from the fixture + 10 − 1 cancelled
    expect(res.pageCount).toBe(1);
    expect(res.rows.every((r) => r.status === "active")).toBe(true);
    expect((await listRegistrations(t.db, A.id, params({ status: "all" }))).total).toBe(11);
    expect((await listRegistrations(t.db, B.id, params())).total).toBe(1);
  });

  it("searches ignoring case and Romanian diacritics, over participant, client and reference", async () => {
    const names = async (q: string) => (await listRegistrations(t.db, A.id, params({ q, sort: "participant", dir: "asc" }))).rows.map((r) => r.participantName);
    // Ioana Popescu is there by her client, Ștefan Popescu; Ștefan Ciobanu is cancelled.
    expect(await names("stefan")).toEqual(["Florin Ștefănescu", "Ioana Popescu"]);
    expect(await names("ȘERBAN")).toEqual(["Bianca Șerban"]);
    expect(await names("turcanu andrei")).toEqual(["Andrei Țurcanu"]);
    expect((await names("raducanu")).length).toBe(9);
    expect(await names("100%")).toEqual([]);
    // NUL cannot be in PostgreSQL text: dropped from the search (a URL's %00), not a failed query.
    expect(await names("ser\u0000ban")).toEqual(["Bianca Șerban"]);
    expect((await listRegistrations(t.db, A.id, params({ q: "\u0000", term: "Prim\u0000" }))).total).toBe(0);
    const [one] = (await listRegistrations(t.db, A.id, params({ q: "Elena" }))).rows;
    expect(await names(one!.reference.toLowerCase())).toEqual(["Elena Stan"]);
  });

  it("filters by course, term and payment status, with the count for the filter", async () => {
    expect((await listRegistrations(t.db, A.id, params({ course: winterCourse }))).total).toBe(4);
    expect((await listRegistrations(t.db, A.id, params({ term: "Primăvara 2027" }))).total).toBe(4);
    const paid = await listRegistrations(t.db, A.id, params({ paymentStatus: ["paid"] }));
    expect(paid.total).toBe(3);
    expect(paid.rows.every((r) => r.paymentStatus === "paid" && r.balanceBani === 0)).toBe(true);
    expect((await listRegistrations(t.db, A.id, params({ paymentStatus: ["paid"], q: "dana" }))).total).toBe(1);
  });

  it("sorts on whitelisted columns and reads the last pages from the other end in the same order", async () => {
    const all = (await listRegistrations(t.db, A.id, params({ sort: "price", dir: "asc", pageSize: 100 }))).rows.map((r) => r.priceBani);
    expect(all).toEqual([...all].sort((x, y) => x - y));
    const pages = [];
    for (let page = 1; page <= 4; page++) {
      pages.push(...(await listRegistrations(t.db, A.id, params({ sort: "price", dir: "asc", pageSize: 3, page }))).rows.map((r) => r.priceBani));
    }
    expect(pages).toEqual(all);
    const desc = (await listRegistrations(t.db, A.id, params({ sort: "participant", dir: "desc", pageSize: 100 }))).rows.map((r) => r.participantName);
    const last = await listRegistrations(t.db, A.id, params({ sort: "participant", dir: "desc", pageSize: 4, page: 3 }));
    expect(last.rows.map((r) => r.participantName)).toEqual(desc.slice(8));
    // A page past the end shows the last one.
    expect((await listRegistrations(t.db, A.id, params({ sort: "participant", dir: "desc", pageSize: 4, page: 99 }))).rows).toEqual(last.rows);
  });

  it("falls back to safe defaults for unknown URL values", () => {
    expect(listRegistrationsSchema.parse({ sort: "password", dir: "sideways", pageSize: "1000000", page: "-3", paymentStatus: ["bogus"] })).toMatchObject({
      sort: "created",
      dir: "desc",
      pageSize: 25,
      page: 1,
      paymentStatus: [],
    });
  });
});

describe("listCourses", () => {
  it("counts each course's active registrations", async () => {
    const counts = Object.fromEntries((await listCourses(t.db, A.id)).map((c) => [c.course.name, c.registrations]));
    expect(counts).toEqual({ Șah: 4, "Dans modern": 6 });
  });
});

describe("listRegistrationIds", () => {
  it("returns every id matching the filter, of the organisation only", async () => {
    const ids = await listRegistrationIds(t.db, A.id, { ...params(), course: winterCourse });
    expect(ids).toHaveLength(4);
    expect(await listRegistrationIds(t.db, B.id, { ...params(), course: winterCourse })).toEqual([]);
  });
});
