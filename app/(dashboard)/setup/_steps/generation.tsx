import { db } from "@/db";
import { getBillingSettings } from "@/db/queries/billing-settings";
import { GenerationForm } from "../_components/generation-form";
import type { StepProps } from "./types";

export async function GenerationStep({ orgId, backHref }: StepProps) {
  const s = await getBillingSettings(db, orgId);
  return (
    <GenerationForm
      backHref={backHref}
      initial={{ mode: s.generationMode, triggerDebtCleared: s.triggerDebtCleared, triggerDownPayment: s.triggerDownPayment }}
    />
  );
}
