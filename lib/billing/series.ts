import "server-only";
import type { Database } from "@/db";
import { AppError } from "@/lib/errors";
import type { SmartBill } from "@/lib/smartbill";
import { bindSeries, getProfile, requireSeriesForAll, type BillingProfile } from "./profiles";
import { logError } from "@/lib/log";
import { withSmartBill } from "./smartbill-call";

export interface InvoiceSeries {
  name: string;
  nextNumber: number;
}

/** A live listing never throws for SmartBill's sake: a failure is a message key, its reason and SmartBill's own text. */
export type SeriesListing =
  | { ok: true; series: InvoiceSeries[]; fetchedAt: Date }
  | { ok: false; error: string; reason: string | null; detail: string | null; fetchedAt: Date };

/** SmartBill's invoice series (type f) for the organisation's connection, asked live. */
export async function listInvoiceSeries(db: Database, orgId: string, sb?: SmartBill): Promise<SeriesListing> {
  try {
    const list = await withSmartBill(db, orgId, (call) => call.sb.series.list(call.creds, { type: "f" }, { maxWaitMs: 10_000 }), {
      sb,
      failureKeys: (reason) => `profiles.series.failure.${reason}`,
    });
    const series = list
      .filter((s) => s.type === "f")
      .map((s) => ({ name: s.name, nextNumber: s.nextNumber }))
      .sort((a, b) => a.name.localeCompare(b.name));
    return { ok: true, series, fetchedAt: new Date() };
  } catch (e) {
    // Not connected, the token cannot be read, or SmartBill failed: say so instead of failing the page.
    if (!(e instanceof AppError)) logError("series.list", e);
    return {
      ok: false,
      error: e instanceof AppError ? e.message : "profiles.series.failure.other",
      reason: e instanceof AppError ? (e.reason ?? null) : null,
      detail: e instanceof AppError ? (e.detail ?? null) : null,
      fetchedAt: new Date(),
    };
  }
}

/** Binds a profile to a series only after SmartBill confirms the series exists. */
export async function chooseSeries(
  db: Database,
  p: { orgId: string; actorUserId: string; profileId: string; seriesName: string },
  sb?: SmartBill,
): Promise<BillingProfile> {
  if (!(await getProfile(db, p.orgId, p.profileId))) throw new AppError("not_found", "profiles.notFound");
  const listing = await listInvoiceSeries(db, p.orgId, sb);
  if (!listing.ok) throw new AppError("external", listing.error, undefined, listing.detail ?? undefined, listing.reason ? { reason: listing.reason } : {});
  if (!listing.series.some((s) => s.name === p.seriesName)) {
    throw new AppError("validation", "profiles.series.unknown", { seriesName: ["profiles.series.unknown"] });
  }
  return bindSeries(db, p);
}

/**
 * The series step is done when every active profile has a series that SmartBill still lists. When
 * SmartBill cannot be asked, the saved choices (each checked when chosen) are trusted.
 */
export async function checkSeriesStep(db: Database, orgId: string, sb?: SmartBill): Promise<void> {
  const profiles = await requireSeriesForAll(db, orgId);
  const listing = await listInvoiceSeries(db, orgId, sb);
  if (!listing.ok) return;
  const names = new Set(listing.series.map((s) => s.name));
  if (profiles.some((p) => !names.has(p.seriesName!))) throw new AppError("conflict", "profiles.series.stale");
}
