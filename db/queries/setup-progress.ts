import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Executor } from "../client";
import { setupProgress, type SetupStep } from "../schema";

export type SetupProgressRow = typeof setupProgress.$inferSelect;

export async function getSetupProgress(db: Executor, orgId: string): Promise<SetupProgressRow | null> {
  const [row] = await db.select().from(setupProgress).where(eq(setupProgress.orgId, orgId));
  return row ?? null;
}

/** Adds `step` to the completed steps (once) and moves the resume point to `resumeAt`. */
export async function markStepCompleted(db: Executor, orgId: string, step: SetupStep, resumeAt: SetupStep): Promise<void> {
  await db
    .insert(setupProgress)
    .values({ orgId, currentStep: resumeAt, completedSteps: [step] })
    .onConflictDoUpdate({
      target: setupProgress.orgId,
      set: {
        currentStep: resumeAt,
        completedSteps: sql`(select array_agg(distinct s) from unnest(${setupProgress.completedSteps} || array[${step}]::text[]) s)`,
        updatedAt: new Date(),
      },
    });
}

export async function updateCurrentStep(db: Executor, orgId: string, step: SetupStep): Promise<void> {
  await db
    .insert(setupProgress)
    .values({ orgId, currentStep: step })
    .onConflictDoUpdate({ target: setupProgress.orgId, set: { currentStep: step, updatedAt: new Date() } });
}

/** Changes an existing row only (an organisation without one has not started the wizard). */
export async function updateSetupProgress(
  db: Executor,
  orgId: string,
  values: Partial<Pick<SetupProgressRow, "testDraft" | "finishedAt">>,
): Promise<void> {
  await db.update(setupProgress).set({ ...values, updatedAt: new Date() }).where(eq(setupProgress.orgId, orgId));
}
