// The demo school's import history: an import of September's sign-ups done last week and one the job
// refused (a row in error, nothing written), so /registrations/import shows finished runs from the start.
import { eq } from "drizzle-orm";
import type { Database } from "../../db/client";
import { importRuns, memberships } from "../../db/schema";

const DAY = 86_400_000;

export async function seedDemoImports(db: Database, orgId: string): Promise<number> {
  const [existing] = await db.select({ id: importRuns.id }).from(importRuns).where(eq(importRuns.orgId, orgId)).limit(1);
  if (existing) return 0;
  const [staff] = await db.select({ id: memberships.userId }).from(memberships).where(eq(memberships.orgId, orgId)).limit(1);
  const at = (daysAgo: number, plusMs = 0) => new Date(Date.now() - daysAgo * DAY + plusMs);
  const ended = { csv: Buffer.alloc(0), mapping: {}, createdBy: staff?.id ?? null };
  await db.insert(importRuns).values([
    {
      orgId,
      ...ended,
      fileName: "inscrieri-septembrie.csv",
      status: "done",
      totalRows: 48,
      plan: { create: 45, exists: 3, error: 0, newClients: 6, payments: 31 },
      createdRegistrations: 45,
      createdClients: 6,
      createdPayments: 31,
      createdAt: at(9),
      startedAt: at(9, 1_200),
      finishedAt: at(9, 4_800),
    },
    {
      orgId,
      ...ended,
      fileName: "inscrieri-octombrie.csv",
      status: "failed",
      totalRows: 12,
      plan: { create: 11, exists: 0, error: 1, newClients: 2, payments: 7 },
      error: "registrationErrors.import.hasErrors",
      rowErrors: [{ line: 8, field: "participantName", message: "tooLong" }],
      createdAt: at(2),
      startedAt: at(2, 900),
      finishedAt: at(2, 1_500),
    },
  ]);
  return 2;
}
