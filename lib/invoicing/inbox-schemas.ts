// The invoice inbox's inputs (failed view, reconcile view, pause banner): one zod schema each, shared
// by the dialogs and the server actions in app/(dashboard)/invoices/actions/.
import { z } from "zod";
import { optionalPlainText } from "@/lib/validation/text";

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
