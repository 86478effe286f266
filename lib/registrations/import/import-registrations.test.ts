// The CSV import on real PostgreSQL: dry run with line numbers, commit as a queued run done by the job's
// use-case, idempotent; every field through its form's schema; mappings are own-property lookups.
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clients, importRuns, payments, registrations } from "@/db/schema";
import { createTestDb, type TestDb } from "@/test/db";
import { makeRegOrg, type RegOrg } from "@/test/registrations-fixtures";
import { MAX_IMPORT_ROWS } from "./csv";
import type { ColumnMapping } from "./csv";
import { mappingFor, previewImport } from "./import-registrations";
import { queueImport, runQueuedImports } from "./import-runs";
import { invoicingTriggers } from "@/lib/invoicing/requests/automatic";

let t: TestDb;
let A: RegOrg;

beforeAll(async () => {
  t = await createTestDb();
  A = await makeRegOrg(t, "Alpha"); // course "Dans modern" (1.000 lei), client Ștefan Popescu
});
afterAll(() => t.drop());

const count = async () => {
  const [r] = await t.db.execute(sql`select (select count(*) from registrations)::int r, (select count(*) from clients)::int c, (select count(*) from payments)::int p`);
  return r as { r: number; c: number; p: number };
};

/** What the commit button does, then what the import job does: the run as it ended. */
async function commit(csvText: string, mapping: ColumnMapping) {
  const queued = await queueImport(t.db, { orgId: A.id, actorUserId: A.users.staff, fileName: "scoala.csv", csvText, mapping });
  await runQueuedImports(t.db, A.id, invoicingTriggers);
  const [run] = await t.db.select().from(importRuns).where(and(eq(importRuns.orgId, A.id), eq(importRuns.id, queued.id)));
  return run!;
}

const GOOD = [
  "Părinte;E-mail;Copil;Curs;Preț;Avans;Achitat;Data plății;Localitate;Județ",
  "Maria Ionescu;maria@exemplu.ro;Ana Ionescu;Dans modern;1.234,50;300;300,00;2026-09-20;Sector 3;București",
  "Maria Ionescu;maria@exemplu.ro;Radu Ionescu;dans MODERN;;;1000.00;2026-09-21;Sector 3;București",
  "Ștefan Popescu;stefan@example.ro;Ioana Popescu;Dans modern;;;;;;",
].join("\n");

describe("CSV import", () => {
  it("dry run: shows what each row creates and every error with its line number, changing nothing", async () => {
    const before = await count();
    const bad = [
      "Părinte;Copil;Curs;Preț;Achitat;Data plății;Localitate;CUI;Firma",
      "Ion Pop;Mihai Pop;Dans modern;-5;;;;;",
      "Ion Pop;Mihai Pop;Balet;100;;;;;",
      "Ion Pop;;Dans modern;100;abc;30.02.2026;București;;",
      "Firma;Elev;Dans modern;100;;;;RO12345675;Firma SRL",
    ].join("\n");
    const preview = await previewImport(t.db, A.id, bad);
    expect(preview.rows.map((r) => [r.line, r.status, r.errors.map((e) => `${e.field}:${e.message}`)])).toEqual([
      [2, "error", ["price:registrationErrors.validation.amountPositive"]],
      [3, "error", ["courseName:registrationErrors.import.courseUnknown"]],
      [
        4,
        "error",
        ["participantName:required", "city:registrationErrors.validation.bucharestSector", "paid:registrationErrors.validation.amountFormat", "paidOn:registrationErrors.validation.dateFormat"],
      ],
      [5, "error", ["cif:cifInvalid"]],
    ]);
    const run = await commit(bad, preview.mapping);
    expect(run).toMatchObject({ status: "failed", error: "registrationErrors.import.hasErrors", createdRegistrations: 0 });
    expect(run.rowErrors.map((e) => e.line)).toEqual([2, 3, 4, 4, 4, 4, 5]);
    expect(await count()).toEqual(before);
  });

  it("commits through the job's use-case, reads Romanian and plain amounts, and re-importing creates nothing", async () => {
    const before = await count();
    const preview = await previewImport(t.db, A.id, GOOD);
    expect(preview.counts).toEqual({ create: 2, exists: 1, error: 0, newClients: 1, payments: 2 });
    const run = await commit(GOOD, preview.mapping);
    expect(run).toMatchObject({ status: "done", plan: preview.counts, createdClients: 1, createdRegistrations: 2, createdPayments: 2, error: null });
    // The file is not kept once the run has ended.
    expect(run.csv).toHaveLength(0);
    expect(await count()).toEqual({ r: before!.r + 2, c: before!.c + 1, p: before!.p + 2 });
    const [maria] = await t.db.select().from(clients).where(eq(clients.email, "maria@exemplu.ro"));
    const regs = await t.db.select().from(registrations).where(eq(registrations.clientId, maria!.id)).orderBy(registrations.participantName);
    expect(regs.map((r) => [r.participantName, r.priceBani, r.downPaymentBani, r.paidBani, r.paymentStatus])).toEqual([
      ["Ana Ionescu", 123_450, 30_000, 30_000, "down_payment_paid"],
      ["Radu Ionescu", 100_000, null, 100_000, "paid"],
    ]);
    const imported = await t.db.select().from(payments).where(eq(payments.source, "import"));
    expect(imported).toHaveLength(2);

    const again = await previewImport(t.db, A.id, GOOD);
    expect(again.counts).toEqual({ create: 0, exists: 3, error: 0, newClients: 0, payments: 0 });
    expect(await commit(GOOD, again.mapping)).toMatchObject({ status: "done", createdRegistrations: 0, createdPayments: 0 });
    expect(await count()).toEqual({ r: before!.r + 2, c: before!.c + 1, p: before!.p + 2 });
  });

  it("refuses a file over the row limit, and a commit without rows, changing nothing", async () => {
    const before = await count();
    const big = `Părinte;Copil;Curs\n${"Dan Radu;Toma Radu;Dans modern\n".repeat(MAX_IMPORT_ROWS + 1)}`;
    await expect(previewImport(t.db, A.id, big)).rejects.toMatchObject({ message: "registrationImport.errors.tooManyRows" });
    const mapping = { clientName: "Părinte", participantName: "Copil", courseName: "Curs" };
    await expect(commit(big, mapping)).rejects.toMatchObject({ message: "registrationImport.errors.tooManyRows" });
    await expect(commit("Părinte;Copil;Curs\n", mapping)).rejects.toMatchObject({ message: "registrationImport.errors.noRows" });
    expect(await count()).toEqual(before);
  });

  it("remembers a column mapping for the same header row", async () => {
    const csv = "Cine plătește;Pentru cine;Ce curs\nDan Radu;Toma Radu;Dans modern\n";
    expect((await previewImport(t.db, A.id, csv)).rows[0]!.status).toBe("error");
    const mapping = { clientName: "Cine plătește", participantName: "Pentru cine", courseName: "Ce curs" };
    expect(await commit(csv, mapping)).toMatchObject({ status: "done" });
    expect(await mappingFor(t.db, A.id, ["Ce curs", "Pentru cine", "Cine plătește"])).toEqual(mapping);
    expect((await previewImport(t.db, A.id, csv)).counts).toMatchObject({ exists: 1, error: 0 });
    // The same headers spelled otherwise (another export, another keyboard) use the remembered mapping too.
    const respelled = "CINE PLATESTE;pentru cine;Ce curs\nDan Radu;Toma Radu;Dans modern\n";
    expect((await previewImport(t.db, A.id, respelled)).counts).toMatchObject({ exists: 1, error: 0 });
  });

  it("checks every field with its form's schema: a hostile participant name is a row error, never an internal error", async () => {
    const before = await count();
    const names = ["Ana \u202eeciov", "A".repeat(5_000), "Ana\u0000Pop", "B".repeat(400_000), "Ana\u2066Pop\u2069", "Ana\u0007Pop"];
    const csv = ["Părinte;Copil;Curs", ...names.map((n, i) => `Dan Radu ${i};${n};Dans modern`)].join("\n");
    const preview = await previewImport(t.db, A.id, csv, { clientName: "Părinte", participantName: "Copil", courseName: "Curs" });
    expect(preview.rows.map((r) => [r.line, r.status, r.errors.map((e) => `${e.field}:${e.message}`)])).toEqual([
      [2, "error", ["participantName:registrationErrors.validation.unsafeText"]],
      [3, "error", ["participantName:tooLong"]],
      [4, "error", ["participantName:registrationErrors.validation.unsafeText"]],
      [5, "error", ["participantName:tooLong"]],
      [6, "error", ["participantName:registrationErrors.validation.unsafeText"]],
      [7, "error", ["participantName:registrationErrors.validation.unsafeText"]],
    ]);
    // The same rules for the client's fields (the client form's schema) and the payment's (the payment form's).
    const more = "Părinte;Copil;Curs;Telefon;Achitat;Data plății\nDan\u0000Radu;Toma Radu;Dans modern;07\u202e22;1e9;2999-01-01\n";
    const [row] = (await previewImport(t.db, A.id, more, { clientName: "Părinte", participantName: "Copil", courseName: "Curs", phone: "Telefon", paid: "Achitat", paidOn: "Data plății" })).rows;
    expect(row!.errors.map((e) => `${e.field}:${e.message}`)).toEqual([
      "clientName:registrationErrors.validation.unsafeText",
      "phone:registrationErrors.validation.unsafeText",
      "paid:registrationErrors.validation.amountFormat",
      "paidOn:registrationErrors.validation.dateRange",
    ]);
    const run = await commit(csv, preview.mapping);
    expect(run).toMatchObject({ status: "failed", error: "registrationErrors.import.hasErrors", createdRegistrations: 0 });
    expect(await count()).toEqual(before);
    // A NUL in a column no field reads is no one's business: the file is kept byte for byte until it runs.
    const unread = "Părinte;Copil;Curs;Notă\nDan Nul;Toma Nul;Dans modern;a\u0000b\n";
    expect(await commit(unread, { clientName: "Părinte", participantName: "Copil", courseName: "Curs" })).toMatchObject({ status: "done", createdRegistrations: 1 });
  });

  it("reads a mapping as own properties: __proto__, constructor and toString are column names like any other", async () => {
    const before = await count();
    for (const name of ["__proto__", "constructor", "toString", "hasOwnProperty"]) {
      // Naming a column the file does not have is refused, whatever the name.
      await expect(previewImport(t.db, A.id, "Părinte;Copil;Curs\nDan Radu;Toma Radu;Dans modern\n", { clientName: "Părinte", participantName: name, courseName: "Curs" })).rejects.toMatchObject({
        code: "validation",
        message: "registrationImport.errors.unknownColumn",
      });
    }
    // A file whose columns have those names imports like any other.
    const csv = "__proto__;constructor;toString\nDan Proto;Toma Proto;Dans modern\n";
    const mapping = { clientName: "__proto__", participantName: "constructor", courseName: "toString" };
    expect((await previewImport(t.db, A.id, csv, mapping)).counts).toMatchObject({ create: 1, error: 0 });
    expect(await commit(csv, mapping)).toMatchObject({ status: "done", createdRegistrations: 1 });
    expect(await mappingFor(t.db, A.id, ["__proto__", "constructor", "toString"])).toEqual(mapping);
    expect(await count()).toMatchObject({ r: before.r + 1 });
  });
});
