// The VAT step's input, shared by its form (zodResolver) and its actions: the mode, plus each billing
// profile's default level (only sent, and only required, in a VAT-payer mode).
import type { z } from "zod";
import { defaultVatSchema, MAX_PROFILES, vatModeSchema } from "@/lib/billing/schemas";
import { boundedArray } from "@/lib/validation/text";

// One default per billing profile, so never more entries than a school may have profiles.
export const vatStepSchema = vatModeSchema.extend({ defaults: boundedArray(defaultVatSchema, MAX_PROFILES).default([]) });
export type VatStepInput = z.input<typeof vatStepSchema>;
export type VatStepValues = z.output<typeof vatStepSchema>;
