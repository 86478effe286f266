import { Card } from "@/components/ui/card";
import type { StepProps } from "./types";

// Placeholder: built in the next slice.
export async function ProfilesStep(_props: StepProps) {
  return (
    <Card className="p-6">
      <h2 id="step-title" className="text-lg font-semibold">
        profiles
      </h2>
    </Card>
  );
}
