import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { db } from "@/db";
import { PageHeader } from "@/components/ui/card";
import { requirePermission } from "@/lib/auth/session";
import { canOpen, getProgress, isSetupStep, previousStep, SETUP_STEPS, type SetupStep } from "@/lib/billing/setup-progress";
import { getT } from "@/lib/i18n";
import { RememberStep } from "../_components/remember-step";
import { StepList } from "../_components/step-list";
import { BankStep } from "../_steps/bank";
import { CredentialsStep } from "../_steps/credentials";
import { GenerationStep } from "../_steps/generation";
import { ProfilesStep } from "../_steps/profiles";
import { ReviewStep } from "../_steps/review";
import { SeriesStep } from "../_steps/series";
import { VatStep } from "../_steps/vat";
import type { StepProps } from "../_steps/types";

export const metadata: Metadata = { title: "SmartBill setup" };

const STEPS: Record<SetupStep, (p: StepProps) => Promise<React.ReactNode>> = {
  credentials: CredentialsStep,
  generation: GenerationStep,
  profiles: ProfilesStep,
  series: SeriesStep,
  vat: VatStep,
  bank: BankStep,
  review: ReviewStep,
};

export default async function SetupStepPage({ params }: { params: Promise<{ step: string }> }) {
  const { step } = await params;
  if (!isSetupStep(step)) notFound();
  const member = await requirePermission("manageBilling");
  const progress = await getProgress(db, member.org.id);
  if (!canOpen(step, progress)) redirect(`/setup/${progress.currentStep}`);
  const t = await getT();
  const prev = previousStep(step);
  const Step = STEPS[step];
  const items = SETUP_STEPS.map((s) => {
    const state = s === step ? ("current" as const) : progress.completedSteps.includes(s) ? ("done" as const) : ("todo" as const);
    return { step: s, label: t(`setup.steps.${s}`), state, stateLabel: t(`setup.stepState.${state}`), reachable: canOpen(s, progress) };
  });
  return (
    <>
      {progress.currentStep !== step && <RememberStep step={step} />}
      <PageHeader title={t("setup.title")} description={t("setup.description")} />
      <div className="grid gap-8 lg:grid-cols-[15rem_minmax(0,1fr)]">
        <aside>
          <StepList items={items} label={t("setup.stepsLabel")} />
        </aside>
        <section aria-labelledby="step-title" className="min-w-0">
          <Step orgId={member.org.id} userId={member.user.id} backHref={prev ? `/setup/${prev}` : null} finished={!!progress.finishedAt} />
        </section>
      </div>
    </>
  );
}
