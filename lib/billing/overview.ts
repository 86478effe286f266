import "server-only";
import { and, asc, count, desc, eq, isNull } from "drizzle-orm";
import type { Executor } from "@/db";
import { billingProfiles, setupProgress, vatLevels } from "@/db/schema";
import { getActiveConnection, summarise } from "./connection";
import { getBillingSettings } from "./settings";
import type { TestDraftResult } from "./test-draft";

/** Everything the review step and Settings → Billing show, read in one place. */
export async function getBillingOverview(db: Executor, orgId: string) {
  const [connection, settings, profiles, [levels], [progress]] = await Promise.all([
    getActiveConnection(db, orgId),
    getBillingSettings(db, orgId),
    db
      .select()
      .from(billingProfiles)
      .where(and(eq(billingProfiles.orgId, orgId), isNull(billingProfiles.archivedAt)))
      .orderBy(desc(billingProfiles.isDefault), asc(billingProfiles.createdAt)),
    db.select({ n: count() }).from(vatLevels).where(and(eq(vatLevels.orgId, orgId), isNull(vatLevels.removedAt))),
    db.select().from(setupProgress).where(eq(setupProgress.orgId, orgId)),
  ]);
  return {
    connection: connection ? summarise(connection) : null,
    settings,
    profiles,
    activeVatLevels: levels?.n ?? 0,
    testDraft: (progress?.testDraft ?? null) as TestDraftResult | null,
  };
}
export type BillingOverview = Awaited<ReturnType<typeof getBillingOverview>>;
