import { Card } from "@/components/ui/card";
import type { StepProps } from "./types";

// Placeholder: built in the next slice.
export async function VatStep(_props: StepProps) {
  return (
    <Card className="p-6">
      <h2 id="step-title" className="text-lg font-semibold">
        vat
      </h2>
    </Card>
  );
}
