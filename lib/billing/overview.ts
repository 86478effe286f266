import "server-only";
import { eq } from "drizzle-orm";
import type { Executor } from "@/db";
import { setupProgress } from "@/db/schema";
import { getActiveConnection, summarise } from "./connection";
import { listProfiles } from "./profiles";
import { getBillingSettings } from "./settings";
import type { TestDraftResult } from "./test-draft";
import { listActiveVatLevels } from "./vat";

/** Everything the review step and Settings → Billing show, read in one place. */
export async function getBillingOverview(db: Executor, orgId: string) {
  const [connection, settings, profiles, vatLevels, [progress]] = await Promise.all([
    getActiveConnection(db, orgId),
    getBillingSettings(db, orgId),
    listProfiles(db, orgId),
    listActiveVatLevels(db, orgId),
    db.select().from(setupProgress).where(eq(setupProgress.orgId, orgId)),
  ]);
  return {
    connection: connection ? summarise(connection) : null,
    settings,
    profiles,
    vatLevels,
    testDraft: (progress?.testDraft ?? null) as TestDraftResult | null,
  };
}
export type BillingOverview = Awaited<ReturnType<typeof getBillingOverview>>;
