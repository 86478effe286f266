import { db } from "@/db";
import { getVatOverview } from "@/lib/billing/vat";
import { VatStepForm } from "../_components/vat/vat-step-form";
import type { StepProps } from "./types";

export async function VatStep({ orgId, backHref }: StepProps) {
  const overview = await getVatOverview(db, orgId);
  // A new set of profiles (added elsewhere in the meantime) starts the form afresh.
  return <VatStepForm key={overview.profiles.map((p) => p.id).join()} overview={overview} backHref={backHref} />;
}
