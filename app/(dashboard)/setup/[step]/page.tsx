import type { Metadata } from "next";
import dynamic from "next/dynamic";
import { notFound, redirect } from "next/navigation";
import { db } from "@/db";
import { PageHeader } from "@/components/ui/card";
import { requireRole } from "@/lib/auth/session";
import { canOpen, getProgress, isSetupStep, previousStep, SETUP_STEPS, visitStep, type SetupStep } from "@/lib/billing/setup-progress";
import { getT } from "@/lib/i18n";
import { StepList } from "../_components/step-list";
import type { StepProps } from "../_steps/types";

export const metadata: Metadata = { title: "SmartBill setup" };

// Loaded per step, so a step's page downloads its own client components, not every step's forms.
const STEPS: Record<SetupStep, React.ComponentType<StepProps>> = {
  credentials: dynamic(() => import("../_steps/credentials").then((m) => m.CredentialsStep)),
  generation: dynamic(() => import("../_steps/generation").then((m) => m.GenerationStep)),
  profiles: dynamic(() => import("../_steps/profiles").then((m) => m.ProfilesStep)),
  series: dynamic(() => import("../_steps/series").then((m) => m.SeriesStep)),
  vat: dynamic(() => import("../_steps/vat").then((m) => m.VatStep)),
  bank: dynamic(() => import("../_steps/bank").then((m) => m.BankStep)),
  review: dynamic(() => import("../_steps/review").then((m) => m.ReviewStep)),
};

export default async function SetupStepPage({ params }: { params: Promise<{ step: string }> }) {
  const { step } = await params;
  if (!isSetupStep(step)) notFound();
  const member = await requireRole("admin");
  const progress = await getProgress(db, member.org.id);
  if (!canOpen(step, progress)) redirect(`/setup/${progress.currentStep}`);
  if (progress.currentStep !== step) await visitStep(db, member.org.id, step);
  const t = await getT();
  const prev = previousStep(step);
  const Step = STEPS[step];
  const items = SETUP_STEPS.map((s) => {
    const state = s === step ? ("current" as const) : progress.completedSteps.includes(s) ? ("done" as const) : ("todo" as const);
    return { step: s, label: t(`setup.steps.${s}`), state, stateLabel: t(`setup.stepState.${state}`), reachable: canOpen(s, progress) };
  });
  return (
    <>
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
