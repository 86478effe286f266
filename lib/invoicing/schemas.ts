// Every invoicing action's input, one zod schema each, shared by the dialogs (types) and the server actions
// (parsing): the manual issue dialog, bulk issue, and the invoice inbox (failed, reconcile, pause, alarms).
// Amounts are typed the Romanian way ("1.234,50"); a VAT override is a VAT level's name, looked up among
// the school's synchronised levels (a caller never picks the percentage). A bulk selection is the rows
// ticked on the page, or "all N matching" as the filter itself: the server re-reads those ids.
import { z } from "zod";
import { moneyField, optionalMoneyField, registrationFilterSchema } from "@/lib/registrations/schemas";
import { optionalPlainText } from "@/lib/validation/text";

// ── The manual issue dialog ─────────────────────────────────────────────────────────────────────
// Control characters and bidirectional overrides never name a VAT level (and PostgreSQL text refuses NUL).
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u200e\u200f]/;

const vatOverride = z
  .string()
  .trim()
  .max(100, "tooLong")
  .refine((s) => !UNSAFE.test(s), "invoiceIssue.errors.vatLevelUnknown")
  .optional()
  .nullable()
  .transform((s) => s || null);

export const previewInvoiceSchema = z.object({
  registrationId: z.uuid(),
  /** Empty: the uninvoiced balance. */
  amount: optionalMoneyField,
  vatOverride,
});
export type PreviewInvoiceInput = z.input<typeof previewInvoiceSchema>;

export const issueInvoiceSchema = z.object({
  registrationId: z.uuid(),
  /** Made once per opening of the dialog: a double click or a re-submit sends the same one. */
  clientRequestId: z.uuid(),
  amount: moneyField,
  vatOverride,
});
export type IssueInvoiceInput = z.input<typeof issueInvoiceSchema>;

// ── Bulk issue ─────────────────────────────────────────────────────────────────────────────────
/** Ticked rows come from one page of the table (at most 100), so 1,000 is generous. */
export const MAX_SELECTED_IDS = 1_000;

export const bulkSelectionSchema = z.union([
  z.strictObject({ ids: z.array(z.uuid()).min(1).max(MAX_SELECTED_IDS) }),
  z.strictObject({ all: registrationFilterSchema }),
]);
export type BulkSelectionInput = z.input<typeof bulkSelectionSchema>;

export const bulkIssueSummarySchema = z.object({ selection: bulkSelectionSchema });
/** More than any school has registrations: a count past it is not one a summary showed. */
export const MAX_CONFIRMED_COUNT = 1_000_000;

export const startBulkIssueSchema = z.object({
  /** Made once per confirm dialog: a double-clicked Confirm makes one batch. */
  clientBatchId: z.uuid(),
  selection: bulkSelectionSchema,
  /** The number of invoices the summary showed and the person confirmed: the run must still make as many. */
  confirmedCount: z.number().int().min(1).max(MAX_CONFIRMED_COUNT),
});
export const cancelBulkIssueSchema = z.object({ batchId: z.uuid() });

// ── The invoice inbox ───────────────────────────────────────────────────────────────────────────
const requestId = z.uuid();

export const retryInvoiceSchema = z.object({ requestId });

/** The selected failed requests, or null for every retryable one. */
export const retryInvoicesSchema = z.object({ requestIds: z.array(requestId).min(1).max(500).nullable() });

/** A SmartBill number as it prints it: digits, zero padding kept. */
export const linkInvoiceSchema = z.object({
  requestId,
  number: z.string().trim().min(1, "required").max(12, "invoiceInbox.reconcile.numberInvalid").regex(/^[0-9]+$/, "invoiceInbox.reconcile.numberInvalid"),
});

export const markNotCreatedSchema = z.object({ requestId });

export const resumeIssuingSchema = z.object({});

/** "Resolved (I handled it in SmartBill)" on an alarm; the note (what was done) goes to the audit. */
export const resolveAlarmSchema = z.object({ alarmId: z.uuid(), note: optionalPlainText(500).optional() });
/** "Check again": reads the request's candidate documents now (after its grace period). */
export const checkAgainSchema = z.object({ requestId });
