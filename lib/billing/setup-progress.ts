import "server-only";
import type { Executor } from "@/db";
import { getSetupProgress, markStepCompleted, updateCurrentStep, updateSetupProgress } from "@/db/queries/setup-progress";
import { getActiveConnection } from "@/db/queries/smartbill-connections";
import { SETUP_STEPS, type SetupStep } from "@/db/schema";
import { AppError } from "@/lib/errors";

export { SETUP_STEPS, type SetupStep };

export interface Progress {
  currentStep: SetupStep;
  completedSteps: SetupStep[];
  finishedAt: Date | null;
}

export function isSetupStep(v: string): v is SetupStep {
  return (SETUP_STEPS as readonly string[]).includes(v);
}

export async function getProgress(db: Executor, orgId: string): Promise<Progress> {
  const row = await getSetupProgress(db, orgId);
  return row
    ? { currentStep: row.currentStep, completedSteps: row.completedSteps, finishedAt: row.finishedAt }
    : { currentStep: "credentials", completedSteps: [], finishedAt: null };
}

/** A step can be opened once every step before it is done (or it was done before). */
export function canOpen(step: SetupStep, p: Progress): boolean {
  const i = SETUP_STEPS.indexOf(step);
  return p.completedSteps.includes(step) || SETUP_STEPS.slice(0, i).every((s) => p.completedSteps.includes(s));
}

export function nextStep(step: SetupStep): SetupStep | null {
  return SETUP_STEPS[SETUP_STEPS.indexOf(step) + 1] ?? null;
}

export function previousStep(step: SetupStep): SetupStep | null {
  const i = SETUP_STEPS.indexOf(step);
  return i > 0 ? SETUP_STEPS[i - 1]! : null;
}

/**
 * The wizard's order, enforced on the server: a step cannot be completed (nor setup finished) before
 * every step before it is, and the credentials step only counts while SmartBill is connected.
 */
export async function requireEarlierSteps(db: Executor, orgId: string, step: SetupStep): Promise<void> {
  const before = SETUP_STEPS.slice(0, SETUP_STEPS.indexOf(step));
  if (!before.length) return;
  const [progress, connection] = await Promise.all([getProgress(db, orgId), getActiveConnection(db, orgId)]);
  if (!connection) throw new AppError("conflict", "setup.notConnected");
  if (before.some((s) => !progress.completedSteps.includes(s))) {
    throw new AppError("conflict", step === "review" ? "setup.review.incomplete" : "setupOrder.earlierStepsFirst");
  }
}

/** Marks a step done (once its prerequisites are) and moves the resume point to the next one. */
export async function completeStep(db: Executor, orgId: string, step: SetupStep): Promise<SetupStep | null> {
  await requireEarlierSteps(db, orgId, step);
  await markStepCompleted(db, orgId, step, nextStep(step) ?? step);
  return nextStep(step);
}

/** Remembers where the admin is (Back, or opening a done step), so leaving and returning resumes there. */
export async function visitStep(db: Executor, orgId: string, step: SetupStep): Promise<void> {
  const progress = await getProgress(db, orgId);
  if (!canOpen(step, progress) || progress.currentStep === step) return;
  await updateCurrentStep(db, orgId, step);
}

/** The review step: every earlier step done and SmartBill connected. */
export async function finishSetup(db: Executor, orgId: string): Promise<void> {
  await completeStep(db, orgId, "review");
  await updateSetupProgress(db, orgId, { finishedAt: new Date() });
}
