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

/** What one candidate document carried when Bursar read its PDF (issue 15: proof by the mark). */
export const CANDIDATE_READS = ["own_mark", "other_mark", "no_mark", "unreadable"] as const;
export type CandidateRead = (typeof CANDIDATE_READS)[number];
export interface ProofCandidate {
  /** The number as SmartBill writes it (zero-padded). */
  number: string;
  read: CandidateRead;
  /** Every Bursar mark found on the document (normally one, or none). */
  marks: string[];
  /** The total SmartBill gives for it (own_mark only), in bani. */
  totalBani: number | null;
  /** unreadable: what SmartBill answered (e.g. "502"). */
  detail?: string;
  /** unreadable for a reason that may pass (a timeout, a server error): reconcile reads it again itself. */
  transient?: boolean;
}
export const PROOF_VERDICTS = ["linked", "not_created", "duplicate", "unreadable", "total_differs", "too_many", "series_missing"] as const;
export type ProofVerdict = (typeof PROOF_VERDICTS)[number];
/** Evidence of a proof: the candidates read and what each carried, for the automatic step and a person. */
export interface ReconcileEvidence {
  checkedAt: string;
  nextNumberNow: string | null;
  /** The first number read (the lowest this request could have taken). */
  fromNumber: string | null;
  candidates: ProofCandidate[];
  /** Numbers in range skipped because Bursar already holds them for other answered requests. */
  skipped: number;
  verdict: ProofVerdict;
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
    // The lowest series number this send could take (digits): the series' next number Bursar knew when it
    // was claimed. Reconcile reads candidates from here on (a lower bound, never a claim on a number).
    expectedNumber: text("expected_number"),
    // The request's mark (issue 15): printed on the document (mentions, "Ref. Bursar XXXXX-XXXXX"), the only
    // proof that a SmartBill invoice is this request's. Null only for requests made before marks existed.
    mark: text("mark"),
    // The attempt holding the request while it is issuing: every write of the drainer names it (the fence).
    claimId: uuid("claim_id"),
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
    uniqueIndex("invoice_requests_org_mark_key").on(t.orgId, t.mark).where(sql`mark is not null`),
    // One SmartBill invoice belongs to at most one request: a second link of the same number is refused.
    uniqueIndex("invoice_requests_org_issued_number_key")
      .on(t.orgId, t.companyCif, t.issuedSeries, t.issuedNumber)
      .where(sql`issued_number is not null`),
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
 * What Bursar knows of a (company, series): SmartBill's next number and its zero-padding. A series is
 * blocked only when a proof found two documents carrying one request's mark (a duplicate a person must see).
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
    // When the last GET /series that set next_number was asked (database clock): a proof may take that
    // number instead of asking again if it was asked after the proof's grace ended.
    nextReadAt: timestamp("next_read_at", { withTimezone: true }),
    blockedByRequestId: uuid("blocked_by_request_id"),
    blockedAt: timestamp("blocked_at", { withTimezone: true }),
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

export const INVOICE_ALARM_KINDS = ["late_answer", "duplicate"] as const;
export type InvoiceAlarmKind = (typeof INVOICE_ALARM_KINDS)[number];

/**
 * Invoices SmartBill holds that no request can take as its own: an issued answer that came back for a
 * claim that had moved on (late_answer), or a second document carrying one request's mark (duplicate).
 * Never dropped: each is an alarm in the inbox until a person resolves it (storno in SmartBill).
 */
export const invoiceAlarms = pgTable(
  "invoice_alarms",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: INVOICE_ALARM_KINDS }).notNull(),
    requestId: uuid("request_id").references(() => invoiceRequests.id, { onDelete: "set null" }),
    attemptId: uuid("attempt_id"),
    companyCif: text("company_cif").notNull(),
    seriesName: text("series_name").notNull(),
    number: text("number").notNull(),
    detail: jsonb("detail").$type<Record<string, unknown>>(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    resolvedBy: uuid("resolved_by").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [
    uniqueIndex("invoice_alarms_org_doc_key").on(t.orgId, t.companyCif, t.seriesName, t.number),
    index("invoice_alarms_org_open_idx").on(t.orgId, t.resolvedAt),
  ],
);

/** Invoices in a bound series whose document carries no Bursar mark: issued in SmartBill, not by Bursar. */
export const outsideInvoices = pgTable(
  "outside_invoices",
  {
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    companyCif: text("company_cif").notNull(),
    seriesName: text("series_name").notNull(),
    number: text("number").notNull(),
    seenAt: timestamp("seen_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.companyCif, t.seriesName, t.number] }), index("outside_invoices_org_seen_idx").on(t.orgId, t.seenAt)],
);

/**
 * What a proof read on a SmartBill document: the Bursar marks it carries (none: issued outside Bursar).
 * A document is read once: later proofs of the series take its marks from here (SmartBill's documents
 * are not re-numbered, and an edit in SmartBill that would add or remove a mark is not something Bursar
 * proves against). Unreadable reads are not kept.
 */

export type InvoiceAlarm = typeof invoiceAlarms.$inferSelect;
export type OutsideInvoice = typeof outsideInvoices.$inferSelect;
export type InvoiceRequest = typeof invoiceRequests.$inferSelect;
export type InvoiceAttempt = typeof invoiceAttempts.$inferSelect;
export type InvoiceBatch = typeof invoiceBatches.$inferSelect;
export type InvoiceSeriesRow = typeof invoiceSeries.$inferSelect;
export type InvoicingPause = typeof invoicingPauses.$inferSelect;
