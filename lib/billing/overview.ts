import "server-only";
import type { Executor } from "@/db";
import { getBillingSettings } from "@/db/queries/billing-settings";
import { listActiveProfiles } from "@/db/queries/billing-profiles";
import { getSetupProgress } from "@/db/queries/setup-progress";
import { getActiveConnection } from "@/db/queries/smartbill-connections";
import { listActiveVatLevels } from "@/db/queries/vat-levels";
import { summarise } from "./connection";
import type { TestDraftResult } from "./test-draft-result";

/** Everything the review step and Settings → Billing show, read in one place. */
export async function getBillingOverview(db: Executor, orgId: string) {
  const [connection, settings, profiles, vatLevels, progress] = await Promise.all([
    getActiveConnection(db, orgId),
    getBillingSettings(db, orgId),
    listActiveProfiles(db, orgId),
    listActiveVatLevels(db, orgId),
    getSetupProgress(db, orgId),
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
