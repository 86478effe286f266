import "server-only";
import { z } from "zod";

// Request schemas are strict (SmartBill rejects unknown fields with 400) and typed exactly as the
// contract says; companyVatCode is never part of an input: it comes from the credentials' CIF.

export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be yyyy-MM-dd")
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, "is not a calendar date");

/** SmartBill numbers are zero-padded strings: "0159", never 159 (which SmartBill would not find). */
export const documentNumber = z.string().regex(/^\d{1,20}$/, "must be the document number as digits, zero-padded as issued");
export const seriesName = z.string().trim().min(1).max(50);

export const CURRENCIES = [
  "RON", "EUR", "USD", "GBP", "CAD", "AUD", "CHF", "TRY", "CZK", "DKK", "HUF", "MDL", "SEK", "NOK", "JPY",
  "EGP", "PLN", "RUB", "AED", "BRL", "CNY", "HRK", "INR", "KRW", "MXN", "NZD", "RSD", "THB", "UAH", "XDR", "ZAR",
] as const;
export const currency = z.enum(CURRENCIES);

export const PAYMENT_TYPES = [
  "Chitanta", "Bon", "Card", "Card online", "CEC", "Bilet ordin", "Ordin plata", "Mandat postal",
  "Extras de cont", "Ramburs", "Alta incasare",
] as const;
export const paymentType = z.enum(PAYMENT_TYPES);

export const documentRef = z.strictObject({ seriesName, number: documentNumber });
export type DocumentRef = z.infer<typeof documentRef>;

export const clientSchema = z.strictObject({
  name: z.string().trim().min(1),
  country: z.string().trim().min(1),
  vatCode: z.string().optional(),
  isTaxPayer: z.boolean().optional(),
  regCom: z.string().optional(),
  address: z.string().optional(),
  city: z.string().optional(),
  county: z.string().optional(),
  email: z.string().optional(),
  phone: z.string().optional(),
  contact: z.string().optional(),
  iban: z.string().optional(),
  bank: z.string().optional(),
  code: z.string().optional(),
  saveToDb: z.boolean().optional(),
});
export type SmartBillClient = z.infer<typeof clientSchema>;

const productCommon = {
  name: z.string().trim().min(1),
  code: z.string().optional(),
  productDescription: z.string().optional(),
  translatedName: z.string().optional(),
  translatedMeasuringUnit: z.string().optional(),
  measuringUnitName: z.string().min(1),
  currency: currency.optional(),
  exchangeRate: z.number().positive().optional(),
  isTaxIncluded: z.boolean().optional(),
  taxName: z.string().optional(),
  taxPercentage: z.number().min(0).max(100).optional(),
  saveToDb: z.boolean().optional(),
};

const productLine = z.strictObject({
  ...productCommon,
  isDiscount: z.literal(false).optional(),
  quantity: z.number().finite(),
  price: z.number().min(0),
  isService: z.boolean().optional(),
  warehouseName: z.string().optional(),
  useSBProductName: z.boolean().optional(),
});

const discountLine = z
  .strictObject({
    ...productCommon,
    isDiscount: z.literal(true),
    // Without it SmartBill silently ignores the discount.
    numberOfItems: z.number().int().min(1),
    discountType: z.union([z.literal(1), z.literal(2)]).optional(),
    // SmartBill accepts a positive value and then raises the total.
    discountValue: z.number().negative().optional(),
    discountPercentage: z.number().gt(0).max(100).optional(),
  })
  .superRefine((d, ctx) => {
    if (d.discountType === 1 && d.discountValue === undefined) {
      ctx.addIssue({ code: "custom", path: ["discountValue"], message: "is required for a value discount" });
    }
    if ((d.discountType ?? 2) === 2 && d.discountPercentage === undefined) {
      ctx.addIssue({ code: "custom", path: ["discountPercentage"], message: "is required for a percentage discount" });
    }
  });

export const productSchema = z.discriminatedUnion("isDiscount", [productLine, discountLine]);
export type SmartBillProduct = z.infer<typeof productSchema>;

export const invoicePaymentSchema = z
  .strictObject({
    value: z.number().min(0),
    type: paymentType,
    isCash: z.boolean().optional(),
    paymentSeries: z.string().optional(),
  })
  .refine((p) => p.type !== "Chitanta" || !!p.paymentSeries, { path: ["paymentSeries"], message: "is required for Chitanta" });

const emailTargets = z.strictObject({ to: z.string().optional(), cc: z.string().optional(), bcc: z.string().optional() });

/** POST /invoice/v2 body without companyVatCode. */
export const invoiceInputSchema = z.strictObject({
  seriesName,
  client: clientSchema,
  products: z.array(productSchema).min(1).max(400),
  issueDate: isoDate.optional(),
  dueDate: isoDate.optional(),
  deliveryDate: isoDate.optional(),
  paymentDate: isoDate.optional(),
  isDraft: z.boolean().optional(),
  currency: currency.optional(),
  exchangeRate: z.number().positive().optional(),
  language: z.string().min(2).max(5).optional(),
  precision: z.union([z.literal(2), z.literal(3), z.literal(4)]).optional(),
  useStock: z.boolean().optional(),
  payment: invoicePaymentSchema.optional(),
  paymentUrl: z.string().optional(),
  sendEmail: z.boolean().optional(),
  email: emailTargets.optional(),
  observations: z.string().optional(),
  mentions: z.string().optional(),
  issuerName: z.string().optional(),
  issuerCnp: z.string().optional(),
  delegateName: z.string().optional(),
  delegateIdentityCard: z.string().optional(),
  delegateAuto: z.string().optional(),
  aviz: z.string().optional(),
  useIntraCif: z.boolean().optional(),
  usePaymentTax: z.boolean().optional(),
  paymentBase: z.number().optional(),
  colectedTax: z.number().optional(),
  paymentTotal: z.number().optional(),
});
export type InvoiceInput = z.infer<typeof invoiceInputSchema>;
export type InvoiceRequest = InvoiceInput & { companyVatCode: string };

/** POST /invoice/reverse body without companyVatCode. */
export const reverseInputSchema = z.strictObject({ seriesName, number: documentNumber, issueDate: isoDate.optional() });
export type ReverseInput = z.infer<typeof reverseInputSchema>;

// ---- responses: lenient about extra fields, strict about the ones we rely on ----

const classic = {
  errorText: z.string().optional(),
  message: z.string().optional(),
};

export const documentResponseSchema = z.object({
  ...classic,
  number: z.string(),
  series: z.string(),
  url: z.string().optional(),
  documentId: z.number().nullish(),
  documentUrl: z.string().optional(),
  documentViewUrl: z.string().optional(),
});
export interface IssuedDocument {
  series: string;
  /** "" for a draft: SmartBill assigns no number until it is finalised in Cloud. */
  number: string;
  isDraft: boolean;
  documentId?: number;
  documentUrl?: string;
  documentViewUrl?: string;
  /** Payment link, only when `paymentUrl` was sent. */
  paymentUrl?: string;
  message?: string;
}

export const messageResponseSchema = z.object({ ...classic });
