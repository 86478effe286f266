// One zod schema per courses/clients/registrations/payments input, shared by each form (zodResolver)
// and its server action. Messages are message keys: `validation.*` (shared) or `registrationErrors.validation.*`.
import { z } from "zod";
import { emailField } from "@/lib/auth/schemas";
import { isValidCif } from "@/lib/validation/ro";
import { BUYER_TYPES, INVOICE_FILTERS, isBucharest, MAX_BANI, normaliseSector, PAGE_SIZES, PAYMENT_METHODS, PAYMENT_STATUSES, REGISTRATION_SORTS } from "./constants";
import { addDays, isIsoDate, todayInBucharest } from "./dates";
import { parseMoneyToBani } from "./money";
import { isValidReference, normaliseReference } from "./reference";

// The zod-free values live in ./constants (client components import them from there, without zod).
export { BUCHAREST_SECTORS, BUYER_TYPES, INVOICE_FILTERS, isBucharest, MAX_BANI, normaliseSector, PAGE_SIZES, PAYMENT_METHODS, PAYMENT_STATUSES, REGISTRATION_SORTS } from "./constants";
export type { InvoiceFilter, RegistrationSort } from "./constants";
const V = "registrationErrors.validation";

// Refuses control characters and bidirectional overrides (they can disguise a name on an invoice).
// TODO(errors helper): switch to lib/validation/text.ts once it is on main.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u200e\u200f]/;
const text = (max: number) => z.string().trim().max(max, "tooLong").refine((s) => !UNSAFE.test(s), `${V}.unsafeText`);
const requiredText = (max: number, min = 1) => text(max).refine((s) => s.length >= min, min > 1 ? "nameShort" : "required");
const optionalText = (max = 200) =>
  text(max)
    .optional()
    .nullable()
    .transform((s) => (s ? s : null));

// "1.234,50" or "1234.50" → integer bani in (0, MAX_BANI], or a field error.
function toBani(s: string, ctx: z.RefinementCtx): number {
  const bani = parseMoneyToBani(s);
  if (bani === null) ctx.addIssue({ code: "custom", message: `${V}.amountFormat` });
  else if (bani <= 0) ctx.addIssue({ code: "custom", message: `${V}.amountPositive` });
  else if (bani > MAX_BANI) ctx.addIssue({ code: "custom", message: `${V}.amountTooLarge` });
  else return bani;
  return z.NEVER;
}

/** An amount typed as "1.234,50" or "1234.50" → integer bani in (0, MAX_BANI]. */
export const moneyField = z.string().trim().min(1, "required").max(30, `${V}.amountFormat`).transform(toBani);

/** Like moneyField, but empty means "none" (null). */
export const optionalMoneyField = z
  .string()
  .trim()
  .max(30, `${V}.amountFormat`)
  .optional()
  .nullable()
  .transform((s, ctx) => (s ? toBani(s, ctx) : null));

export const dateField = z
  .string()
  .trim()
  .refine(isIsoDate, `${V}.dateFormat`)
  .refine((s) => s >= "2000-01-01" && s <= "2100-12-31", `${V}.dateRange`);

const idField = z.uuid();
const optionalId = z
  .union([z.uuid(), z.literal(""), z.null()])
  .optional()
  .transform((s) => s || null);

// ── Courses ──────────────────────────────────────────────────────────────────────────────────────
export const courseSchema = z
  .object({
    id: z.uuid().optional(),
    name: requiredText(200, 2),
    price: moneyField,
    // Empty: the organisation's default billing profile.
    billingProfileId: optionalId,
    // Empty: the profile's default VAT level. A SmartBill VAT level name.
    vatName: optionalText(100),
    termName: requiredText(100),
    termStart: dateField,
    termEnd: dateField,
  })
  .refine((c) => c.termEnd >= c.termStart, { message: `${V}.termEndBeforeStart`, path: ["termEnd"] });
export type CourseInput = z.input<typeof courseSchema>;
export type CourseValues = z.output<typeof courseSchema>;

export const archiveCourseSchema = z.object({ courseId: idField, archived: z.boolean() });

// ── Clients ──────────────────────────────────────────────────────────────────────────────────────
export const clientSchema = z
  .object({
    id: z.uuid().optional(),
    buyerType: z.enum(BUYER_TYPES, `${V}.buyerType`),
    name: requiredText(200, 2),
    email: z
      .union([z.literal(""), z.null(), emailField])
      .optional()
      .transform((s) => (s ? s.toLowerCase() : null)),
    phone: optionalText(40).refine((s) => s === null || /^[+\d][\d\s().-]{5,}$/.test(s), `${V}.phone`),
    address: optionalText(300),
    city: optionalText(100),
    county: optionalText(100),
    country: requiredText(100, 2).default("Romania"),
    companyName: optionalText(200),
    cif: optionalText(20),
    regCom: optionalText(40),
    vatPayer: z.boolean().default(false),
  })
  .superRefine((c, ctx) => {
    if (c.buyerType === "company") {
      if (!c.companyName) ctx.addIssue({ code: "custom", path: ["companyName"], message: "required" });
      if (!c.cif) ctx.addIssue({ code: "custom", path: ["cif"], message: "required" });
    }
    if (c.cif && !isValidCif(c.cif)) ctx.addIssue({ code: "custom", path: ["cif"], message: "cifInvalid" });
    if (isBucharest(c.city, c.county) && !normaliseSector(c.city)) {
      ctx.addIssue({ code: "custom", path: ["city"], message: `${V}.bucharestSector` });
    }
  })
  .transform((c) => {
    const sector = normaliseSector(c.city);
    const company = c.buyerType === "company";
    return {
      ...c,
      // A sector is always in București; SmartBill wants the county spelled so.
      ...(sector ? { city: sector, county: "București" } : {}),
      cif: c.cif ? c.cif.replace(/\s+/g, "").toUpperCase() : null,
      companyName: company ? c.companyName : null,
      regCom: company ? c.regCom : null,
      vatPayer: company ? c.vatPayer : false,
    };
  });
export type ClientInput = z.input<typeof clientSchema>;
export type ClientValues = z.output<typeof clientSchema>;

// ── Registrations ────────────────────────────────────────────────────────────────────────────────
export const registrationSchema = z
  .object({
    id: z.uuid().optional(),
    clientId: idField,
    courseId: idField,
    participantName: requiredText(200, 2),
    // Empty on create: a new one is generated. Given (e.g. kept from a school's spreadsheet): it must
    // be a valid reference not used yet in the organisation. Ignored on edit.
    reference: z
      .string()
      .optional()
      .nullable()
      .transform((s) => (s ? normaliseReference(s) : null))
      .refine((s) => s === null || isValidReference(s), `${V}.reference`),
    // Empty on create: the course's price.
    price: optionalMoneyField,
    downPayment: optionalMoneyField,
  })
  .refine((r) => r.downPayment === null || r.price === null || r.downPayment <= r.price, {
    message: `${V}.downPaymentAbovePrice`,
    path: ["downPayment"],
  });
export type RegistrationInput = z.input<typeof registrationSchema>;
export type RegistrationValues = z.output<typeof registrationSchema>;

export const cancelRegistrationSchema = z.object({ registrationId: idField, reason: requiredText(500, 3) });

// ── Payments ─────────────────────────────────────────────────────────────────────────────────────
export const recordPaymentSchema = z.object({
  registrationId: idField,
  amount: moneyField,
  // A payment is never in the future (one day of slack for clocks and time zones).
  paidOn: dateField.refine((d) => d <= addDays(todayInBucharest(), 1), `${V}.dateFuture`),
  method: z.enum(PAYMENT_METHODS, `${V}.method`),
  note: optionalText(500),
});
export type RecordPaymentInput = z.input<typeof recordPaymentSchema>;
export type RecordPaymentValues = z.output<typeof recordPaymentSchema>;

export const voidPaymentSchema = z.object({ paymentId: idField, reason: requiredText(500, 3) });

// ── The registrations table (URL state: app/(dashboard)/registrations/search-params.ts) ──────────
export const listRegistrationsSchema = z.object({
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
  pageSize: z.coerce
    .number()
    .int()
    .refine((n) => (PAGE_SIZES as readonly number[]).includes(n))
    .catch(25),
  sort: z.enum(REGISTRATION_SORTS).catch("created"),
  dir: z.enum(["asc", "desc"]).catch("desc"),
  course: z.uuid().nullable().catch(null).default(null),
  term: z.string().trim().max(100).nullable().catch(null).default(null),
  paymentStatus: z.array(z.enum(PAYMENT_STATUSES)).catch([]).default([]),
  status: z.enum(["active", "cancelled", "all"]).catch("active").default("active"),
  q: z.string().trim().max(100).catch("").default(""),
  // Refused, not caught (the URL's parser drops a bad value before it gets here).
  invoice: z.enum(INVOICE_FILTERS, `${V}.invoiceFilter`).nullable().default(null),
});
export type ListRegistrationsParams = z.output<typeof listRegistrationsSchema>;

/**
 * The filter alone, as "all N matching" sends it to an action (bulk issue re-reads the ids from it).
 * Fails closed, unlike the table's URL: every key is required and parsed strictly, an unknown key is
 * refused, and "no filter" is said explicitly (null, [] or ""). A value the URL's parser would drop
 * (an unknown status, a course id that is not an id) is a validation error here, never "no filter":
 * a slightly wrong filter must not select every registration of the school.
 */
export const registrationFilterSchema = z.strictObject({
  course: z.uuid(`${V}.filterInvalid`).nullable(),
  term: z.string().trim().min(1, `${V}.filterInvalid`).max(100, `${V}.filterInvalid`).nullable(),
  paymentStatus: z.array(z.enum(PAYMENT_STATUSES, `${V}.filterInvalid`)).max(PAYMENT_STATUSES.length, `${V}.filterInvalid`),
  status: z.enum(["active", "cancelled", "all"], `${V}.filterInvalid`),
  q: z.string().trim().max(100, `${V}.filterInvalid`),
  invoice: z.enum(INVOICE_FILTERS, `${V}.invoiceFilter`).nullable(),
});
export type RegistrationFilter = z.output<typeof registrationFilterSchema>;
