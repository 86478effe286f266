// The CSV import on real PostgreSQL: dry run with line numbers, one-transaction commit, idempotent.
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clients, payments, registrations } from "@/db/schema";
import { createTestDb, type TestDb } from "@/test/db";
import { makeRegOrg, type RegOrg } from "@/test/registrations-fixtures";
import { MAX_IMPORT_ROWS } from "./csv";
import { commitImport, mappingFor, previewImport } from "./import-registrations";
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
    await expect(commitImport(t.db, { orgId: A.id, actorUserId: A.users.staff, csvText: bad, mapping: preview.mapping }, invoicingTriggers)).rejects.toMatchObject({
      message: "registrationErrors.import.hasErrors",
    });
    expect(await count()).toEqual(before);
  });

  it("commits in one transaction, reads Romanian and plain amounts, and re-importing creates nothing", async () => {
    const before = await count();
    const preview = await previewImport(t.db, A.id, GOOD);
    expect(preview.counts).toEqual({ create: 2, exists: 1, error: 0, newClients: 1, payments: 2 });
    expect(await commitImport(t.db, { orgId: A.id, actorUserId: A.users.staff, csvText: GOOD, mapping: preview.mapping }, invoicingTriggers)).toEqual(preview.counts);
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
    await commitImport(t.db, { orgId: A.id, actorUserId: A.users.staff, csvText: GOOD, mapping: again.mapping }, invoicingTriggers);
    expect(await count()).toEqual({ r: before!.r + 2, c: before!.c + 1, p: before!.p + 2 });
  });

  it("refuses a file over the row limit, and a commit without rows, changing nothing", async () => {
    const before = await count();
    const big = `Părinte;Copil;Curs\n${"Dan Radu;Toma Radu;Dans modern\n".repeat(MAX_IMPORT_ROWS + 1)}`;
    await expect(previewImport(t.db, A.id, big)).rejects.toMatchObject({ message: "registrationImport.errors.tooManyRows" });
    const mapping = { clientName: "Părinte", participantName: "Copil", courseName: "Curs" };
    await expect(commitImport(t.db, { orgId: A.id, actorUserId: A.users.staff, csvText: big, mapping }, invoicingTriggers)).rejects.toMatchObject({
      message: "registrationImport.errors.tooManyRows",
    });
    await expect(commitImport(t.db, { orgId: A.id, actorUserId: A.users.staff, csvText: "Părinte;Copil;Curs\n", mapping }, invoicingTriggers)).rejects.toMatchObject({
      message: "registrationImport.errors.noRows",
    });
    expect(await count()).toEqual(before);
  });

  it("remembers a column mapping for the same header row", async () => {
    const csv = "Cine plătește;Pentru cine;Ce curs\nDan Radu;Toma Radu;Dans modern\n";
    expect((await previewImport(t.db, A.id, csv)).rows[0]!.status).toBe("error");
    const mapping = { clientName: "Cine plătește", participantName: "Pentru cine", courseName: "Ce curs" };
    await commitImport(t.db, { orgId: A.id, actorUserId: A.users.staff, csvText: csv, mapping }, invoicingTriggers);
    expect(await mappingFor(t.db, A.id, ["Ce curs", "Pentru cine", "Cine plătește"])).toEqual(mapping);
    expect((await previewImport(t.db, A.id, csv)).counts).toMatchObject({ exists: 1, error: 0 });
    // The same headers spelled otherwise (another export, another keyboard) use the remembered mapping too.
    const respelled = "CINE PLATESTE;pentru cine;Ce curs\nDan Radu;Toma Radu;Dans modern\n";
    expect((await previewImport(t.db, A.id, respelled)).counts).toMatchObject({ exists: 1, error: 0 });
  });
});
