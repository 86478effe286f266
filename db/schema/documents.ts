// What Bursar keeps of SmartBill's documents: the marks read for proofs (issue 15) and a short-lived copy
// of the PDFs people open (issue 16), with the one-fetch-at-a-time lease per person.
import { pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { bytea } from "./columns";
import { invoiceRequests } from "./invoices";
import { organisations, users } from "./organisations";


/** The Bursar marks printed on a SmartBill document, read once whichever proof reads it. */
export const documentReads = pgTable(
  "document_reads",
  {
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    companyCif: text("company_cif").notNull(),
    seriesName: text("series_name").notNull(),
    number: text("number").notNull(),
    marks: text("marks").array().notNull(),
    readAt: timestamp("read_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.companyCif, t.seriesName, t.number] })],
);

/** A PDF fetched for a person, served again for a while without another SmartBill call. */
export const invoicePdfs = pgTable(
  "invoice_pdfs",
  {
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    requestId: uuid("request_id")
      .notNull()
      .references(() => invoiceRequests.id, { onDelete: "cascade" }),
    filename: text("filename").notNull(),
    bytes: bytea("bytes").notNull(),
    fetchedAt: timestamp("fetched_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.requestId] })],
);

/** A person's SmartBill PDF fetch in progress (at most one each, across app instances); expires on its own. */
export const pdfFetchLeases = pgTable("pdf_fetch_leases", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  leaseId: uuid("lease_id").notNull(),
  until: timestamp("until", { withTimezone: true }).notNull(),
});
