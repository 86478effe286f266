// The manual issue dialog's inputs, shared by the dialog (types) and its two server actions (parsing).
// Amounts are typed the Romanian way ("1.234,50"); the VAT override is a VAT level's name, which the
// server looks up among the organisation's synchronised levels (a caller never picks the percentage).
import { z } from "zod";
import { moneyField, optionalMoneyField } from "@/lib/registrations/schemas";

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
