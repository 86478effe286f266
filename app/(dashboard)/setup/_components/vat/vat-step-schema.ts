// The VAT step's input, shared by its form (zodResolver) and its actions: the mode, plus each billing
// profile's default level (only sent, and only required, in a VAT-payer mode).
import { z } from "zod";
import { defaultVatSchema, vatModeSchema } from "@/lib/billing/schemas";

export const vatStepSchema = vatModeSchema.extend({ defaults: z.array(defaultVatSchema).default([]) });
export type VatStepInput = z.input<typeof vatStepSchema>;
export type VatStepValues = z.output<typeof vatStepSchema>;
