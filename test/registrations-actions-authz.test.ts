// The courses, clients, registrations and payments actions as public endpoints: the real actions on
// real PostgreSQL; only the request is simulated (test/session.ts).
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { recordPayment } from "../lib/registrations/record-payment";
import { createTestDb, type TestDb } from "./db";
import { makeRegOrg, type RegOrg } from "./registrations-fixtures";
import { actAs, signOut } from "./session";
import { invoicingTriggers } from "@/lib/invoicing/requests/automatic";

let t: TestDb;
let A: RegOrg;
let B: RegOrg;
let paymentId: string;
let act: Awaited<ReturnType<typeof loadActions>>;

async function loadActions() {
  return {
    ...(await import("../app/(dashboard)/courses/actions/save-course")),
    ...(await import("../app/(dashboard)/courses/actions/archive-course")),
    ...(await import("../app/(dashboard)/clients/actions/save-client")),
    ...(await import("../app/(dashboard)/clients/actions/search-clients")),
    ...(await import("../app/(dashboard)/registrations/actions/save-registration")),
    ...(await import("../app/(dashboard)/registrations/actions/cancel-registration")),
    ...(await import("../app/(dashboard)/registrations/actions/record-payment")),
    ...(await import("../app/(dashboard)/registrations/actions/void-payment")),
    ...(await import("../app/(dashboard)/registrations/actions/list-registration-ids")),
    ...(await import("../app/(dashboard)/registrations/actions/import-registrations")),
  };
}

const TABLES = ["courses", "clients", "registrations", "payments", "registration_counts", "audit_log"];
async function snapshot() {
  const out: Record<string, unknown> = {};
  for (const table of TABLES) out[table] = await t.db.execute(sql.raw(`select * from ${table} order by 1, 2`));
  return JSON.parse(JSON.stringify(out));
}

const course = () => ({ name: "Pian", price: "800", termName: "Toamna 2026", termStart: "2026-09-15", termEnd: "2027-01-31" });
const client = () => ({ buyerType: "person" as const, name: "Maria Ionescu", country: "Romania" });
const payment = (registrationId: string, amount = "100") => ({ registrationId, amount, paidOn: "2026-10-01", method: "cash" as const });

const IMPORT_CSV = "Client;Copil;Curs\nDan Radu;Toma Radu;Dans modern\n";

// Every action, called against organisation A's rows.
function everyAction() {
  return {
    saveCourseNew: () => act.saveCourseAction(course()),
    saveCourseEdit: () => act.saveCourseAction({ id: A.course, ...course() }),
    archiveCourse: () => act.archiveCourseAction({ courseId: A.course, archived: true }),
    saveClientNew: () => act.saveClientAction(client()),
    saveClientEdit: () => act.saveClientAction({ id: A.client, ...client() }),
    searchClients: () => act.searchClientsAction({ q: "stefan" }),
    saveRegistrationNew: () => act.saveRegistrationAction({ clientId: A.client, courseId: A.course, participantName: "Ana Pop" }),
    saveRegistrationEdit: () => act.saveRegistrationAction({ id: A.registration, clientId: A.client, courseId: A.course, participantName: "Ana Pop" }),
    cancelRegistration: () => act.cancelRegistrationAction({ registrationId: A.registration, reason: "no longer coming" }),
    recordPayment: () => act.recordPaymentAction(payment(A.registration)),
    voidPayment: () => act.voidPaymentAction({ paymentId, reason: "typed twice" }),
    listRegistrationIds: () => act.listRegistrationIdsAction({ course: null, term: null, paymentStatus: [], status: "active", q: "", invoice: null }),
    previewImport: () => act.previewImportAction({ csv: IMPORT_CSV }),
    commitImport: () => act.commitImportAction({ csv: IMPORT_CSV, mapping: { clientName: "Client", participantName: "Copil", courseName: "Curs" } }),
  };
}

beforeAll(async () => {
  t = await createTestDb({ app: true });
  A = await makeRegOrg(t, "Alpha");
  B = await makeRegOrg(t, "Beta");
  ({ payment: { id: paymentId } } = await recordPayment(t.db, {
    orgId: A.id,
    actorUserId: A.users.staff,
    registrationId: A.registration,
    amountBani: 10_000,
    paidOn: "2026-10-01",
    method: "cash",
    source: "manual",
  }, invoicingTriggers));
  act = await loadActions();
});
afterAll(() => t.drop());
beforeEach(() => signOut());

describe("registrations actions refuse and change nothing", () => {
  it("for a caller without a session", async () => {
    const before = await snapshot();
    for (const [name, call] of Object.entries(everyAction())) {
      expect(await call(), name).toMatchObject({ ok: false, code: "unauthenticated" });
    }
    expect(await snapshot()).toEqual(before);
  });

  it("for an accountant (read only)", async () => {
    actAs({ userId: A.users.accountant });
    const before = await snapshot();
    for (const [name, call] of Object.entries(everyAction())) {
      expect(await call(), name).toMatchObject({ ok: false, code: "forbidden" });
    }
    expect(await snapshot()).toEqual(before);
  });

  it("for another school's admin, as if A's rows did not exist", async () => {
    actAs({ userId: B.users.admin });
    const before = await snapshot();
    const calls = everyAction();
    for (const name of ["saveCourseEdit", "archiveCourse", "saveClientEdit", "saveRegistrationNew", "saveRegistrationEdit", "cancelRegistration", "recordPayment", "voidPayment"] as const) {
      expect(await calls[name](), name).toMatchObject({ ok: false, code: "not_found" });
    }
    // Reads answer with B's own rows only.
    expect(await calls.searchClients()).toEqual({ ok: true, data: [expect.objectContaining({ name: "Ștefan Popescu" })] });
    const ids = await calls.listRegistrationIds();
    expect(ids).toEqual({ ok: true, data: { ids: [B.registration], total: 1 } });
    expect(await snapshot()).toEqual(before);
  });
});

describe("bad input gets a clear message and changes nothing", () => {
  beforeEach(() => {
    actAs({ userId: A.users.staff });
  });

  const fieldError = (res: unknown, field: string) => (res as { fieldErrors?: Record<string, string[]> }).fieldErrors?.[field]?.[0];

  it("amounts: negative, zero, absurd, unreadable", async () => {
    const before = await snapshot();
    const cases: [string, string][] = [
      ["-100", "registrationErrors.validation.amountPositive"],
      ["0", "registrationErrors.validation.amountPositive"],
      ["0,00", "registrationErrors.validation.amountPositive"],
      ["1.000.000,01", "registrationErrors.validation.amountTooLarge"],
      ["99999999999", "registrationErrors.validation.amountTooLarge"],
      ["12,345", "registrationErrors.validation.amountFormat"],
      ["", "required"],
    ];
    for (const [amount, message] of cases) {
      const res = await act.recordPaymentAction(payment(A.registration, amount));
      expect(res, amount).toMatchObject({ ok: false, code: "validation" });
      expect(fieldError(res, "amount"), amount).toBe(message);
    }
    expect(fieldError(await act.saveCourseAction({ ...course(), price: "-5" }), "price")).toBe("registrationErrors.validation.amountPositive");
    const reg = { clientId: A.client, courseId: A.course, participantName: "Ana Pop" };
    expect(fieldError(await act.saveRegistrationAction({ ...reg, downPayment: "-5" }), "downPayment")).toBe("registrationErrors.validation.amountPositive");
    expect(fieldError(await act.saveRegistrationAction({ ...reg, price: "2.000.000" }), "price")).toBe("registrationErrors.validation.amountTooLarge");
    expect(fieldError(await act.saveRegistrationAction({ ...reg, price: "100", downPayment: "200" }), "downPayment")).toBe(
      "registrationErrors.validation.downPaymentAbovePrice",
    );
    expect(await snapshot()).toEqual(before);
  });

  it("dates: malformed, impossible, in the future", async () => {
    const before = await snapshot();
    for (const [paidOn, message] of [
      ["15.10.2026", "registrationErrors.validation.dateFormat"],
      ["2026-02-30", "registrationErrors.validation.dateFormat"],
      ["yesterday", "registrationErrors.validation.dateFormat"],
      ["1999-12-31", "registrationErrors.validation.dateRange"],
      ["2099-01-01", "registrationErrors.validation.dateFuture"],
    ]) {
      const res = await act.recordPaymentAction({ ...payment(A.registration), paidOn: paidOn! });
      expect(fieldError(res, "paidOn"), paidOn).toBe(message);
    }
    expect(fieldError(await act.saveCourseAction({ ...course(), termEnd: "2026-09-01" }), "termEnd")).toBe("registrationErrors.validation.termEndBeforeStart");
    expect(await snapshot()).toEqual(before);
  });

  it("a duplicate or mistyped payment reference", async () => {
    const [{ reference }] = (await t.db.execute(sql`select reference from registrations where id = ${A.registration}`)) as unknown as [{ reference: string }];
    const before = await snapshot();
    const dup = await act.saveRegistrationAction({ clientId: A.client, courseId: A.course, participantName: "Ana Pop", reference });
    expect(dup).toMatchObject({ ok: false, code: "validation", error: "registrationErrors.errors.referenceTaken" });
    const typo = reference.slice(0, 6) + (reference[6] === "A" ? "B" : "A");
    expect(fieldError(await act.saveRegistrationAction({ clientId: A.client, courseId: A.course, participantName: "Ana Pop", reference: typo }), "reference")).toBe(
      "registrationErrors.validation.reference",
    );
    expect(await snapshot()).toEqual(before);
  });

  it("a CIF with a wrong check digit, a company without one, București without a sector", async () => {
    const before = await snapshot();
    const company = { ...client(), buyerType: "company" as const, companyName: "Firma SRL" };
    expect(fieldError(await act.saveClientAction({ ...company, cif: "RO12345675" }), "cif")).toBe("cifInvalid");
    expect(fieldError(await act.saveClientAction(company), "cif")).toBe("required");
    expect(fieldError(await act.saveClientAction({ ...client(), city: "București" }), "city")).toBe("registrationErrors.validation.bucharestSector");
    expect(fieldError(await act.saveClientAction({ ...client(), city: "Centru", county: "Bucuresti" }), "city")).toBe(
      "registrationErrors.validation.bucharestSector",
    );
    expect(await snapshot()).toEqual(before);
  });

  it("a course or client of another organisation", async () => {
    const before = await snapshot();
    expect(await act.saveRegistrationAction({ clientId: A.client, courseId: B.course, participantName: "Ana Pop" })).toMatchObject({
      ok: false,
      code: "not_found",
      error: "registrationErrors.errors.courseNotFound",
    });
    expect(await act.saveRegistrationAction({ clientId: B.client, courseId: A.course, participantName: "Ana Pop" })).toMatchObject({
      ok: false,
      code: "not_found",
      error: "registrationErrors.errors.clientNotFound",
    });
    expect(await snapshot()).toEqual(before);
  });

  it("a payment on a cancelled registration", async () => {
    const created = await act.saveRegistrationAction({ clientId: A.client, courseId: A.course, participantName: "Radu Pop" });
    if (!created.ok) throw new Error(created.error);
    expect(await act.cancelRegistrationAction({ registrationId: created.data.id, reason: "moved away" })).toEqual({ ok: true, data: null });
    const before = await snapshot();
    expect(await act.recordPaymentAction(payment(created.data.id))).toMatchObject({ ok: false, code: "conflict", error: "registrationErrors.errors.paymentOnCancelled" });
    expect(await snapshot()).toEqual(before);
  });
});

describe("staff do the job", () => {
  it("create a course, a client in București and a registration, record a payment and see the status", async () => {
    actAs({ userId: A.users.staff });
    const c = await act.saveCourseAction({ ...course(), price: "1.200,00" });
    const cl = await act.saveClientAction({ ...client(), city: "sector 2", county: "" });
    if (!c.ok || !cl.ok) throw new Error("setup failed");
    const r = await act.saveRegistrationAction({ clientId: cl.data.id, courseId: c.data.id, participantName: "Ștefania Ionescu", downPayment: "400" });
    if (!r.ok) throw new Error(r.error);
    expect(r.data.reference).toMatch(/^[2-9A-HJ-NP-Y]{7}$/);
    expect(await act.recordPaymentAction(payment(r.data.id, "400,00"))).toMatchObject({ ok: true, data: { paidBani: 40_000, balanceBani: 80_000, paymentStatus: "down_payment_paid" } });
    const [saved] = (await t.db.execute(sql`select city, county from clients where id = ${cl.data.id}`)) as unknown as [{ city: string; county: string }];
    expect(saved).toEqual({ city: "Sector 2", county: "București" });
  });
});
