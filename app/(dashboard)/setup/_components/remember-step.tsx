"use client";

import { useEffect } from "react";
import type { SetupStep } from "@/lib/billing/schemas";
import { visitStepAction } from "../actions/visit";

/** Records the opened step once the page is shown; rendering the page itself never writes. */
export function RememberStep({ step }: { step: SetupStep }) {
  useEffect(() => {
    void visitStepAction({ step });
  }, [step]);
  return null;
}
