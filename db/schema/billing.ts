import { sql } from "drizzle-orm";
import {
  boolean,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { organisations, users } from "./organisations";

export const generationModeEnum = pgEnum("generation_mode", ["automatic", "manual"]);
export const vatModeEnum = pgEnum("vat_mode", ["payer_included", "payer_added", "not_payer"]);

/**
 * The organisation's SmartBill account. The token is stored only as AES-256-GCM ciphertext
 * (lib/crypto/secret-box.ts) plus its last 4 characters for display. Disconnecting keeps the row
 * (history); one connection per organisation is active at a time.
 */
export const smartbillConnections = pgTable(
  "smartbill_connections",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    username: text("username").notNull(),
    tokenCiphertext: text("token_ciphertext").notNull(),
    tokenLast4: text("token_last4").notNull(),
    cif: text("cif").notNull(),
    // null: the real SmartBill (configured base URL); otherwise the sandbox's URL.
    baseUrl: text("base_url"),
    isSandbox: boolean("is_sandbox").notNull().default(false),
    vatPayer: boolean("vat_payer").notNull().default(true),
    lastVerifiedAt: timestamp("last_verified_at", { withTimezone: true }),
    lastSuccessAt: timestamp("last_success_at", { withTimezone: true }),
    lastErrorAt: timestamp("last_error_at", { withTimezone: true }),
    // A reason (SmartBill's error code or a finer variant: a key under smartbill.errors), never prose,
    // so the page renders it in the reader's language; SmartBill's own text beside it.
    lastErrorCode: text("last_error_code"),
    lastErrorOriginal: text("last_error_original"),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    disconnectedAt: timestamp("disconnected_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("smartbill_connections_active_org_key").on(t.orgId).where(sql`${t.disconnectedAt} is null`),
    index("smartbill_connections_org_idx").on(t.orgId, t.createdAt),
  ],
);

/** Per-organisation invoicing choices (PRODUCT.md §2.2, §2.5). */
export const billingSettings = pgTable("billing_settings", {
  orgId: uuid("org_id")
    .primaryKey()
    .references(() => organisations.id, { onDelete: "cascade" }),
  generationMode: generationModeEnum("generation_mode").notNull().default("automatic"),
  triggerDebtCleared: boolean("trigger_debt_cleared").notNull().default(true),
  triggerDownPayment: boolean("trigger_down_payment").notNull().default(true),
  vatMode: vatModeEnum("vat_mode").notNull().default("payer_included"),
  vatSyncedAt: timestamp("vat_synced_at", { withTimezone: true }),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** A legal entity that issues invoices; its details are what Bursar shows clients. */
export const billingProfiles = pgTable(
  "billing_profiles",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    isDefault: boolean("is_default").notNull().default(false),
    companyName: text("company_name").notNull(),
    cif: text("cif").notNull(),
    regCom: text("reg_com"),
    address: text("address"),
    city: text("city"),
    county: text("county"),
    country: text("country").notNull().default("Romania"),
    email: text("email"),
    phone: text("phone"),
    iban: text("iban"),
    bank: text("bank"),
    vatPayer: boolean("vat_payer").notNull().default(true),
    currency: text("currency").notNull().default("RON"),
    invoiceLanguage: text("invoice_language").notNull().default("RO"),
    dueDays: integer("due_days").notNull().default(15),
    // The SmartBill invoice series (type f) this profile issues into; chosen from SmartBill's list.
    seriesName: text("series_name"),
    // The default VAT level, by the name SmartBill knows it (percentage kept as seen at the last sync).
    defaultVatName: text("default_vat_name"),
    defaultVatPercentage: numeric("default_vat_percentage", { precision: 5, scale: 2 }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    archivedAt: timestamp("archived_at", { withTimezone: true }),
  },
  (t) => [
    index("billing_profiles_org_idx").on(t.orgId),
    uniqueIndex("billing_profiles_default_key").on(t.orgId).where(sql`${t.isDefault} and ${t.archivedAt} is null`),
  ],
);

/** SmartBill's VAT levels as of the last Synchronize. A level that disappeared keeps its row with removedAt. */
export const vatLevels = pgTable(
  "vat_levels",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    percentage: numeric("percentage", { precision: 5, scale: 2 }).notNull(),
    firstSeenAt: timestamp("first_seen_at", { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    removedAt: timestamp("removed_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("vat_levels_org_name_key").on(t.orgId, t.name)],
);

export interface VatChange {
  name: string;
  percentage?: string;
  from?: string;
  to?: string;
}

/** One row per Synchronize: what changed in SmartBill since the previous one. */
export const vatSyncs = pgTable(
  "vat_syncs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    actorUserId: uuid("actor_user_id").references(() => users.id, { onDelete: "set null" }),
    added: jsonb("added").$type<VatChange[]>().notNull().default([]),
    removed: jsonb("removed").$type<VatChange[]>().notNull().default([]),
    changed: jsonb("changed").$type<VatChange[]>().notNull().default([]),
    vatPayer: boolean("vat_payer").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("vat_syncs_org_time_idx").on(t.orgId, t.createdAt)],
);

export const SETUP_STEPS = ["credentials", "generation", "profiles", "series", "vat", "bank", "review"] as const;
export type SetupStep = (typeof SETUP_STEPS)[number];

/** Where the admin is in the setup wizard, so leaving and coming back resumes there. */
export const setupProgress = pgTable("setup_progress", {
  orgId: uuid("org_id")
    .primaryKey()
    .references(() => organisations.id, { onDelete: "cascade" }),
  currentStep: text("current_step").$type<SetupStep>().notNull().default("credentials"),
  completedSteps: text("completed_steps").array().$type<SetupStep[]>().notNull().default([]),
  testDraft: jsonb("test_draft").$type<Record<string, unknown>>(),
  finishedAt: timestamp("finished_at", { withTimezone: true }),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
