import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Executor } from "@/db";
import { SETUP_STEPS, setupProgress, type SetupStep } from "@/db/schema";

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
  const [row] = await db.select().from(setupProgress).where(eq(setupProgress.orgId, orgId));
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

/** Marks a step done and moves the resume point to the next one. */
export async function completeStep(db: Executor, orgId: string, step: SetupStep): Promise<SetupStep | null> {
  const next = nextStep(step) ?? step;
  await db
    .insert(setupProgress)
    .values({ orgId, currentStep: next, completedSteps: [step] })
    .onConflictDoUpdate({
      target: setupProgress.orgId,
      set: {
        currentStep: next,
        completedSteps: sql`(select array_agg(distinct s) from unnest(${setupProgress.completedSteps} || array[${step}]::text[]) s)`,
        updatedAt: new Date(),
      },
    });
  return nextStep(step);
}

/** Remembers where the admin is (Back, or opening a done step), so leaving and returning resumes there. */
export async function visitStep(db: Executor, orgId: string, step: SetupStep): Promise<void> {
  await db
    .insert(setupProgress)
    .values({ orgId, currentStep: step })
    .onConflictDoUpdate({ target: setupProgress.orgId, set: { currentStep: step, updatedAt: new Date() } });
}

export async function finishSetup(db: Executor, orgId: string): Promise<void> {
  await db.update(setupProgress).set({ finishedAt: new Date(), updatedAt: new Date() }).where(eq(setupProgress.orgId, orgId));
}
