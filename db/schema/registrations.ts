// Courses, clients (payers), registrations and payments (PRODUCT.md §3). Money in integer bani.
// Every index starts with org_id: every query is scoped by organisation first.
import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { billingProfiles } from "./billing";
import { organisations, users } from "./organisations";

/** The largest amount Bursar accepts anywhere: 1 000 000 lei. Anything above is a typo. */
export const MAX_BANI = 100_000_000;

export const buyerTypeEnum = pgEnum("buyer_type", ["person", "company"]);
export const registrationStatusEnum = pgEnum("registration_status", ["active", "cancelled"]);
export const paymentMethodEnum = pgEnum("payment_method", ["cash", "card", "bank_transfer", "other"]);
export const paymentSourceEnum = pgEnum("payment_source", ["manual", "import", "bank"]);

export const PAYMENT_STATUSES = ["not_paid", "down_payment_paid", "partially_paid", "paid", "overpaid"] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

const money = (col: string) => sql.raw(`${col} > 0 and ${col} <= ${MAX_BANI}`);

export const courses = pgTable(
  "courses",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    priceBani: integer("price_bani").notNull(),
    // null: the organisation's default billing profile.
    billingProfileId: uuid("billing_profile_id").references(() => billingProfiles.id, { onDelete: "set null" }),
    // null: the profile's default VAT level. Kept by the name SmartBill knows it.
    vatName: text("vat_name"),
    vatPercentage: numeric("vat_percentage", { precision: 5, scale: 2 }),
    termName: text("term_name").notNull(),
    termStart: date("term_start").notNull(),
    termEnd: date("term_end").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    archivedAt: timestamp("archived_at", { withTimezone: true }),
  },
  (t) => [
    index("courses_org_name_idx").on(t.orgId, t.name),
    index("courses_org_term_idx").on(t.orgId, t.termName),
    check("courses_price_check", money("price_bani")),
    check("courses_term_check", sql`term_end >= term_start`),
  ],
);

export const clients = pgTable(
  "clients",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    buyerType: buyerTypeEnum("buyer_type").notNull().default("person"),
    // The contact person (a parent); for a company, who the school talks to.
    name: text("name").notNull(),
    email: text("email"),
    phone: text("phone"),
    address: text("address"),
    city: text("city"),
    county: text("county"),
    country: text("country").notNull().default("Romania"),
    companyName: text("company_name"),
    cif: text("cif"),
    regCom: text("reg_com"),
    vatPayer: boolean("vat_payer").notNull().default(false),
    searchText: text("search_text")
      .notNull()
      .generatedAlwaysAs(sql`bursar_search_text(name || ' ' || coalesce(company_name, '') || ' ' || coalesce(email, ''))`),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("clients_org_name_idx").on(t.orgId, t.name, t.id),
    index("clients_org_email_idx").on(t.orgId, sql`lower(${t.email})`),
    // Trigram indexes are the one exception to "org_id first": measured at 100,000 rows, a btree_gin
    // org_id key made a selective name search 6x slower (GIN intersects the organisation's whole
    // posting list); the organisation is checked on the few matching rows instead.
    index("clients_search_trgm_idx").using("gin", t.searchText.op("gin_trgm_ops")),
    check("clients_company_check", sql`buyer_type = 'person' or (company_name is not null and cif is not null)`),
  ],
);

/**
 * A participant registered on a course, paid for by a client. paid_bani is the sum of the
 * registration's payments that are not voided, kept by lib/registrations/record-payment.ts and
 * void-payment.ts in the payment's own transaction; balance and payment status follow from it as
 * generated columns, so they can never disagree with it. client_name and course_name are copies for
 * sorting and searching at 100,000 rows (kept by the client/course edit use-cases).
 */
export const registrations = pgTable(
  "registrations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    clientId: uuid("client_id")
      .notNull()
      .references(() => clients.id, { onDelete: "restrict" }),
    courseId: uuid("course_id")
      .notNull()
      .references(() => courses.id, { onDelete: "restrict" }),
    participantName: text("participant_name").notNull(),
    clientName: text("client_name").notNull(),
    courseName: text("course_name").notNull(),
    // What parents write on a bank transfer (lib/registrations/reference.ts).
    reference: text("reference").notNull(),
    priceBani: integer("price_bani").notNull(),
    downPaymentBani: integer("down_payment_bani"),
    status: registrationStatusEnum("status").notNull().default("active"),
    paidBani: bigint("paid_bani", { mode: "number" }).notNull().default(0),
    balanceBani: bigint("balance_bani", { mode: "number" })
      .notNull()
      .generatedAlwaysAs(sql`price_bani - paid_bani`),
    // Mirrors lib/registrations/payment-status.ts (a test holds them together).
    paymentStatus: text("payment_status", { enum: PAYMENT_STATUSES })
      .notNull()
      .generatedAlwaysAs(
        sql`case when paid_bani <= 0 then 'not_paid' when paid_bani > price_bani then 'overpaid' when paid_bani = price_bani then 'paid' when down_payment_bani is not null and paid_bani >= down_payment_bani then 'down_payment_paid' else 'partially_paid' end`,
      ),
    searchText: text("search_text")
      .notNull()
      .generatedAlwaysAs(sql`bursar_search_text(client_name || ' ' || participant_name || ' ' || reference)`),
    cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
    cancelReason: text("cancel_reason"),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("registrations_org_reference_key").on(t.orgId, t.reference),
    // One (organisation, sort column, id) index per whitelisted sort: page and last page walk an index.
    // Drizzle cannot express INCLUDE, so custom migrations add it: 0011 recreates the created index with
    // INCLUDE (status, search_text) for text search, 0012 the sort and filter indexes below with
    // INCLUDE (status) for index-only pages. If a key changes here, re-add its INCLUDE the same way.
    index("registrations_org_created_idx").on(t.orgId, t.createdAt, t.id),
    index("registrations_org_participant_idx").on(t.orgId, t.participantName, t.id),
    index("registrations_org_client_name_idx").on(t.orgId, t.clientName, t.id),
    index("registrations_org_course_name_idx").on(t.orgId, t.courseName, t.id),
    index("registrations_org_price_idx").on(t.orgId, t.priceBani, t.id),
    index("registrations_org_paid_idx").on(t.orgId, t.paidBani, t.id),
    index("registrations_org_balance_idx").on(t.orgId, t.balanceBani, t.id),
    index("registrations_org_status_idx").on(t.orgId, t.paymentStatus, t.createdAt, t.id),
    index("registrations_org_course_idx").on(t.orgId, t.courseId, t.createdAt, t.id),
    index("registrations_org_client_idx").on(t.orgId, t.clientId),
    // See clients_search_trgm_idx for why org_id is not part of it.
    index("registrations_search_trgm_idx").using("gin", t.searchText.op("gin_trgm_ops")),
    check("registrations_price_check", money("price_bani")),
    check("registrations_down_payment_check", sql`down_payment_bani is null or (down_payment_bani > 0 and down_payment_bani <= price_bani)`),
    check("registrations_paid_check", sql`paid_bani >= 0`),
  ],
);

/** Never deleted: a mistaken payment is voided with a reason (who, when, why). */
export const payments = pgTable(
  "payments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    registrationId: uuid("registration_id")
      .notNull()
      .references(() => registrations.id, { onDelete: "restrict" }),
    amountBani: integer("amount_bani").notNull(),
    // The calendar day in Europe/Bucharest.
    paidOn: date("paid_on").notNull(),
    method: paymentMethodEnum("method").notNull(),
    source: paymentSourceEnum("source").notNull().default("manual"),
    // Import row key or bank transaction id: the same one is never recorded twice.
    externalKey: text("external_key"),
    note: text("note"),
    recordedBy: uuid("recorded_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    voidedAt: timestamp("voided_at", { withTimezone: true }),
    voidReason: text("void_reason"),
    voidedBy: uuid("voided_by").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [
    index("payments_org_registration_idx").on(t.orgId, t.registrationId, t.paidOn),
    index("payments_org_paid_on_idx").on(t.orgId, t.paidOn),
    uniqueIndex("payments_org_external_key").on(t.orgId, t.source, t.externalKey).where(sql`${t.externalKey} is not null`),
    check("payments_amount_check", money("amount_bani")),
    check("payments_void_check", sql`(voided_at is null) = (void_reason is null)`),
  ],
);

/** Remembered CSV column mappings (per organisation and header set) for the import. */
export const importMappings = pgTable(
  "import_mappings",
  {
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    headerKey: text("header_key").notNull(),
    mapping: jsonb("mapping").$type<Record<string, string>>().notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("import_mappings_org_header_key").on(t.orgId, t.headerKey)],
);

export type Course = typeof courses.$inferSelect;
export type Client = typeof clients.$inferSelect;
export type Registration = typeof registrations.$inferSelect;
export type Payment = typeof payments.$inferSelect;

/**
 * How many registrations each (course, payment status, status) has, kept by a trigger on
 * registrations (migration registration_counts_trigger), so the table's count for a filter is a sum
 * over a few rows instead of a count over 100,000.
 */
export const registrationCounts = pgTable(
  "registration_counts",
  {
    // No foreign keys: a derived cache, written by triggers (also while an organisation is deleted).
    orgId: uuid("org_id").notNull(),
    courseId: uuid("course_id").notNull(),
    paymentStatus: text("payment_status", { enum: PAYMENT_STATUSES }).notNull(),
    status: registrationStatusEnum("status").notNull(),
    n: bigint("n", { mode: "number" }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.courseId, t.paymentStatus, t.status] })],
);
