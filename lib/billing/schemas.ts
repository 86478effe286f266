// One zod schema per wizard/settings input, shared by each form and its action. Messages are keys
// under `validation.` in messages/*.json.
import { z } from "zod";
import type { SetupStep } from "@/db/schema";
import { emailField } from "@/lib/auth/schemas";
import { isValidCif, isValidIban, normaliseIban } from "@/lib/validation/ro";
import { boundedArray, opaqueText, optionalPlainText, plainText } from "@/lib/validation/text";
import { CURRENCIES, INVOICE_LANGUAGES, PROFILE_FIELDS, VAT_MODES } from "./choices";

export { CURRENCIES, INVOICE_LANGUAGES, PROFILE_FIELDS, VAT_MODES };

export const credentialsSchema = z.object({
  username: emailField,
  // SmartBill tokens are long opaque strings; we only bound the size. Empty keeps the saved token.
  token: z
    .string()
    .max(400, "tooLong")
    .transform((s) => s.trim())
    .pipe(opaqueText(200).refine((s) => s === "" || s.length >= 8, "tokenShort")),
  // As configured in SmartBill (with or without RO): SmartBill is the judge, we check the shape only.
  cif: z
    .string()
    .max(40, "tooLong")
    .transform((s) => s.replace(/\s+/g, "").toUpperCase())
    .pipe(z.string().regex(/^(RO)?\d{2,10}$/, "cifFormat")),
});
export type CredentialsInput = z.infer<typeof credentialsSchema>;

export const GENERATION_MODES = ["automatic", "manual"] as const;
export const generationSchema = z
  .object({
    mode: z.enum(GENERATION_MODES),
    triggerDebtCleared: z.boolean(),
    triggerDownPayment: z.boolean(),
  })
  .refine((v) => v.mode === "manual" || v.triggerDebtCleared || v.triggerDownPayment, {
    message: "triggerNeeded",
    path: ["triggerDebtCleared"],
  });
export type GenerationInput = z.infer<typeof generationSchema>;

const optionalText = optionalPlainText;

/** A school's billing profiles (archived ones not counted): checked when one is created. */
export const MAX_PROFILES = 20;

export const profileSchema = z.object({
  id: z.uuid().optional(),
  companyName: plainText({ max: 200, min: 2, minMessage: "nameShort" }),
  cif: z
    .string()
    .trim()
    .max(40, "tooLong")
    .refine((s) => isValidCif(s), "cifInvalid")
    .transform((s) => s.replace(/\s+/g, "").toUpperCase()),
  regCom: optionalText(40),
  address: optionalText(),
  city: optionalText(100),
  county: optionalText(100),
  country: plainText({ max: 100, min: 2 }),
  email: z
    .string()
    .trim()
    .max(254, "tooLong")
    .refine((s) => s === "" || z.email().safeParse(s).success, "email")
    .transform((s) => (s === "" ? null : s.toLowerCase()))
    .nullable(),
  phone: optionalText(40),
  iban: z
    .string()
    .trim()
    .max(60, "tooLong")
    .refine((s) => s === "" || isValidIban(s), "ibanInvalid")
    .transform((s) => (s === "" ? null : normaliseIban(s)))
    .nullable(),
  bank: optionalText(100),
  vatPayer: z.boolean(),
  currency: z.enum(CURRENCIES),
  invoiceLanguage: z.enum(INVOICE_LANGUAGES),
  // A number, not z.coerce: coercion read "", null and [] as 0 days. The form sends valueAsNumber.
  dueDays: z.number({ error: "dueDays" }).int("dueDays").min(0, "dueDays").max(365, "dueDays"),
});
export type ProfileInput = z.input<typeof profileSchema>;
export type Profile = z.output<typeof profileSchema>;

export const profileRefSchema = z.object({ profileId: z.uuid() });
export const seriesBindingSchema = z.object({ profileId: z.uuid(), seriesName: plainText({ max: 50, min: 1 }) });

export const vatModeSchema = z.object({ vatMode: z.enum(VAT_MODES) });
export const defaultVatSchema = z.object({ profileId: z.uuid(), vatName: plainText({ max: 100, min: 1 }) });

/**
 * The VAT step: the mode, plus each billing profile's default level (only sent, and only required, in a
 * VAT-payer mode). One default per billing profile, so never more entries than a school may have profiles.
 */
export const vatStepSchema = vatModeSchema.extend({ defaults: boundedArray(defaultVatSchema, MAX_PROFILES).default([]) });
export type VatStepInput = z.input<typeof vatStepSchema>;
export type VatStepValues = z.output<typeof vatStepSchema>;

// The wizard's steps in order: db/schema's SETUP_STEPS, repeated so forms need not load the schema module.
export const WIZARD_STEPS = ["credentials", "generation", "profiles", "series", "vat", "bank", "review"] as const satisfies readonly SetupStep[];
export type { SetupStep };
export const visitStepSchema = z.object({ step: z.enum(WIZARD_STEPS) });

/** Settings → Billing: a new token for the same account and company. */
export const changeTokenSchema = credentialsSchema.pick({ token: true }).refine((v) => v.token !== "", { path: ["token"], message: "required" });
