import "server-only";
import { z } from "zod";
import type { SmartBillCredentials } from "./credentials";
import type { CallOptions, SmartBillTransport } from "./http";
import { checkInput, parseBody } from "./parse";
import { clientSchema, currency, documentRef, isoDate, PAYMENT_TYPES } from "./types";

// Bon (fiscal receipt) needs fiscal-printer data Bursar never has, so it is left out on purpose.
export const paymentRequestType = z.enum(PAYMENT_TYPES.filter((p) => p !== "Bon") as [Exclude<(typeof PAYMENT_TYPES)[number], "Bon">]);

/** POST /payment body without companyVatCode. */
export const paymentInputSchema = z
  .strictObject({
    type: paymentRequestType,
    issueDate: isoDate.optional(),
    /** Chitanta only: a draft receipt takes no number. */
    isDraft: z.boolean().optional(),
    /** The receipt series: required for Chitanta, never sent for other types. */
    seriesName: z.string().trim().min(1).optional(),
    client: clientSchema.optional(),
    value: z.number().gt(0).optional(),
    currency: currency.optional(),
    exchangeRate: z.number().positive().optional(),
    precision: z.union([z.literal(2), z.literal(3), z.literal(4)]).optional(),
    isCash: z.boolean().optional(),
    text: z.string().optional(),
    translatedText: z.string().optional(),
    language: z.string().min(2).max(5).optional(),
    /** Singular here, unlike the invoice's `observations`. */
    observation: z.string().optional(),
    /** Client and amount from the invoice; an explicit `value` still makes it a partial payment. */
    useInvoiceDetails: z.boolean().optional(),
    invoicesList: z.array(documentRef).min(1).optional(),
  })
  .superRefine((p, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
    if (p.type === "Chitanta" && !p.seriesName) issue("seriesName", "is required for Chitanta");
    if (p.type !== "Chitanta" && p.seriesName !== undefined) issue("seriesName", "is only sent for Chitanta");
    if (p.type !== "Chitanta" && p.isDraft !== undefined) issue("isDraft", "is only sent for Chitanta");
    if (!p.useInvoiceDetails && !p.client) issue("client", "is required unless useInvoiceDetails");
    if (!p.useInvoiceDetails && p.value === undefined) issue("value", "is required unless useInvoiceDetails");
    if (p.useInvoiceDetails && !p.invoicesList) issue("invoicesList", "is required with useInvoiceDetails");
  });
export type PaymentInput = z.infer<typeof paymentInputSchema>;
export type PaymentRequest = PaymentInput & { companyVatCode: string };

const paymentResponse = z.object({
  number: z.string().optional(),
  series: z.string().optional(),
  message: z.string().optional(),
});

export interface RecordedPayment {
  /** Set for a Chitanta (the receipt's own series and number); absent for bank/card payments. */
  series?: string;
  number?: string;
  message?: string;
}

/** POST /payment. Sent once, never retried: a lost answer is `ambiguous` (check paymentStatus). */
export async function createPayment(
  t: SmartBillTransport,
  creds: SmartBillCredentials,
  input: PaymentInput,
  opts?: CallOptions,
): Promise<RecordedPayment> {
  const body = checkInput(paymentInputSchema, input, "payments.create");
  const res = await t.request(creds, { operation: "payments.create", method: "POST", path: "/payment", body, companyInBody: true, kind: "create" }, opts);
  const d = parseBody(res, paymentResponse, "payments.create", "create");
  return {
    ...(d.series ? { series: d.series } : {}),
    ...(d.number ? { number: d.number } : {}),
    ...(d.message ? { message: d.message } : {}),
  };
}
