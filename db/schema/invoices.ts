// Invoice requests (issue 10): the request row is the state machine, the queue only delivers wake-ups.
// Every index starts with org_id. Money in integer bani.
import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { billingProfiles } from "./billing";
import { organisations, users } from "./organisations";
import { payments, registrations } from "./registrations";

export const INVOICE_REQUEST_KINDS = ["manual", "bulk", "automatic"] as const;
export type InvoiceRequestKind = (typeof INVOICE_REQUEST_KINDS)[number];
export const INVOICE_TRIGGERS = ["manual", "down_payment_paid", "debt_cleared"] as const;
export type InvoiceTrigger = (typeof INVOICE_TRIGGERS)[number];
export const INVOICE_REQUEST_STATUSES = ["queued", "issuing", "issued", "failed", "in_doubt", "cancelled"] as const;
export type InvoiceRequestStatus = (typeof INVOICE_REQUEST_STATUSES)[number];
export const INVOICE_FAILURE_TYPES = [
  "credentials",
  "cif",
  "series",
  "vat_level",
  "buyer_data",
  "package_exhausted",
  "rate_limited",
  "unavailable",
  "unknown",
] as const;
export type InvoiceFailureType = (typeof INVOICE_FAILURE_TYPES)[number];
export const INVOICE_ATTEMPT_OUTCOMES = [
  "issued",
  "rejected",
  "ambiguous",
  "not_sent",
  "rate_limited",
  "proved_not_created",
  "linked",
  "worker_lost",
] as const;
export type InvoiceAttemptOutcome = (typeof INVOICE_ATTEMPT_OUTCOMES)[number];

/** Evidence gathered for an in_doubt request a person must decide. */
export interface ReconcileEvidence {
  checkedAt: string;
  nextNumberNow: string | null;
  candidates: { number: string; totalBani: number | null }[];
  note: string;
}

export const invoiceBatches = pgTable(
  "invoice_batches",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    // Made once by the confirm dialog: a double-clicked Confirm makes one batch.
    clientBatchId: text("client_batch_id").notNull(),
    requestedCount: integer("requested_count").notNull().default(0),
    skippedCount: integer("skipped_count").notNull().default(0),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("invoice_batches_org_client_key").on(t.orgId, t.clientBatchId), index("invoice_batches_org_created_idx").on(t.orgId, t.createdAt)],
);

export const invoiceRequests = pgTable(
  "invoice_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    registrationId: uuid("registration_id")
      .notNull()
      .references(() => registrations.id, { onDelete: "restrict" }),
    requestKey: text("request_key").notNull(),
    kind: text("kind", { enum: INVOICE_REQUEST_KINDS }).notNull(),
    trigger: text("trigger", { enum: INVOICE_TRIGGERS }).notNull(),
    paymentId: uuid("payment_id").references(() => payments.id, { onDelete: "restrict" }),
    batchId: uuid("batch_id").references(() => invoiceBatches.id, { onDelete: "set null" }),
    // manual single 10, automatic 5, bulk 0: a single issue is never stuck behind a bulk run.
    priority: integer("priority").notNull().default(0),
    status: text("status", { enum: INVOICE_REQUEST_STATUSES }).notNull().default("queued"),
    amountBani: integer("amount_bani").notNull(),
    billingProfileId: uuid("billing_profile_id").references(() => billingProfiles.id, { onDelete: "set null" }),
    companyCif: text("company_cif").notNull(),
    seriesName: text("series_name").notNull(),
    vatName: text("vat_name"),
    vatPercent: numeric("vat_percent", { precision: 5, scale: 2 }),
    // A VAT level chosen in the preview dialog; kept so a retry rebuilds with the same choice.
    vatOverride: jsonb("vat_override").$type<{ name: string; percentage: number } | null>(),
    // The exact InvoiceInput sent (or to send); companyVatCode comes from the credentials.
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    totalBani: integer("total_bani").notNull(),
    netBani: integer("net_bani").notNull(),
    vatBani: integer("vat_bani").notNull(),
    // The series number expected for this send (digits), from the series' next number when it was claimed.
    expectedNumber: text("expected_number"),
    leaseUntil: timestamp("lease_until", { withTimezone: true }),
    attemptCount: integer("attempt_count").notNull().default(0),
    notBefore: timestamp("not_before", { withTimezone: true }).notNull().defaultNow(),
    lastAttemptAt: timestamp("last_attempt_at", { withTimezone: true }),
    failureType: text("failure_type", { enum: INVOICE_FAILURE_TYPES }),
    failureReason: text("failure_reason"),
    failureText: text("failure_text"),
    retryable: boolean("retryable"),
    evidence: jsonb("evidence").$type<ReconcileEvidence>(),
    issuedSeries: text("issued_series"),
    issuedNumber: text("issued_number"),
    documentId: text("document_id"),
    documentUrl: text("document_url"),
    documentViewUrl: text("document_view_url"),
    issuedAt: timestamp("issued_at", { withTimezone: true }),
    needsStorno: boolean("needs_storno").notNull().default(false),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("invoice_requests_org_key").on(t.orgId, t.requestKey),
    // One open manual/bulk request per registration: two staff members or instances make one invoice.
    uniqueIndex("invoice_requests_org_open_manual_key")
      .on(t.orgId, t.registrationId)
      .where(sql`kind in ('manual', 'bulk') and status in ('queued', 'issuing', 'in_doubt')`),
    index("invoice_requests_org_drain_idx").on(t.orgId, t.companyCif, t.seriesName, t.status, t.priority.desc(), t.createdAt),
    index("invoice_requests_org_registration_idx").on(t.orgId, t.registrationId, t.createdAt),
    index("invoice_requests_org_status_idx").on(t.orgId, t.status, t.updatedAt),
    index("invoice_requests_org_batch_idx").on(t.orgId, t.batchId, t.status),
    index("invoice_requests_org_issued_idx").on(t.orgId, t.issuedAt),
    // The invoice list (/invoices) and its register: newest first by issue date (creation until issued).
    index("invoice_requests_org_date_idx").on(t.orgId, sql`coalesce(${t.issuedAt}, ${t.createdAt})`, t.id),
    index("invoice_requests_org_payment_idx").on(t.orgId, t.paymentId),
    check("invoice_requests_amount_check", sql`amount_bani > 0`),
  ],
);

export const invoiceAttempts = pgTable(
  "invoice_attempts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    requestId: uuid("request_id")
      .notNull()
      .references(() => invoiceRequests.id, { onDelete: "cascade" }),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    outcome: text("outcome", { enum: INVOICE_ATTEMPT_OUTCOMES }),
    httpStatus: integer("http_status"),
    errorCode: text("error_code"),
    // What was sent: the client never puts the token in a body.
    requestBody: jsonb("request_body").$type<Record<string, unknown>>(),
    // Scrubbed by the client (SmartBill's original text, or the issued document).
    responseBody: text("response_body"),
    expectedNumber: text("expected_number"),
    actorUserId: uuid("actor_user_id").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [index("invoice_attempts_org_request_idx").on(t.orgId, t.requestId, t.startedAt)],
);

/**
 * One create in flight per (company, series): a conditional update claims it, which makes the number
 * expected for the send unambiguous. An in_doubt request keeps holding it until reconciled.
 */
export const invoiceSeries = pgTable(
  "invoice_series",
  {
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    companyCif: text("company_cif").notNull(),
    seriesName: text("series_name").notNull(),
    // As GET /series gives it (an integer); null until read. Documents carry it zero-padded to pad_width,
    // learned from the numbers SmartBill issued (paymentstatus does not find an unpadded number).
    nextNumber: integer("next_number"),
    padWidth: integer("pad_width"),
    knownAt: timestamp("known_at", { withTimezone: true }),
    // A drainer holding the series (its lease), or the in_doubt request holding it.
    holder: uuid("holder"),
    heldUntil: timestamp("held_until", { withTimezone: true }),
    inFlightRequestId: uuid("in_flight_request_id"),
    inFlightSince: timestamp("in_flight_since", { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.companyCif, t.seriesName] })],
);

/** The organisation's issuing pause (package exhausted): queued requests wait until Resume. */
export const invoicingPauses = pgTable("invoicing_pauses", {
  orgId: uuid("org_id")
    .primaryKey()
    .references(() => organisations.id, { onDelete: "cascade" }),
  pausedAt: timestamp("paused_at", { withTimezone: true }).notNull().defaultNow(),
  reason: text("reason", { enum: ["package_exhausted"] }).notNull(),
  detail: text("detail"),
});

export type InvoiceRequest = typeof invoiceRequests.$inferSelect;
export type InvoiceAttempt = typeof invoiceAttempts.$inferSelect;
export type InvoiceBatch = typeof invoiceBatches.$inferSelect;
export type InvoiceSeriesRow = typeof invoiceSeries.$inferSelect;
export type InvoicingPause = typeof invoicingPauses.$inferSelect;
