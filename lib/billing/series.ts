import "server-only";
import type { Database } from "@/db";
import { AppError } from "@/lib/errors";
import { isSmartBillError, type SmartBill } from "@/lib/smartbill";
import { recordCallOutcome, requireCredentials, verifyFailureOf } from "./connection";
import { bindSeries, getProfile, requireSeriesForAll, type BillingProfile } from "./profiles";
import { smartbill } from "./smartbill";
import { smartBillFailureOf } from "./smartbill-errors";
import { logError } from "@/lib/log";

export interface InvoiceSeries {
  name: string;
  nextNumber: number;
}

/** A live listing never throws for SmartBill's sake: a failure is a message key, its reason and SmartBill's own text. */
export type SeriesListing =
  | { ok: true; series: InvoiceSeries[]; fetchedAt: Date }
  | { ok: false; error: string; reason: string | null; detail: string | null; fetchedAt: Date };

/** SmartBill's invoice series (type f) for the organisation's connection, asked live. */
export async function listInvoiceSeries(db: Database, orgId: string, sb: SmartBill = smartbill()): Promise<SeriesListing> {
  let connection, creds;
  try {
    ({ connection, creds } = await requireCredentials(db, orgId));
  } catch (e) {
    // Not connected (or the token cannot be read): say so instead of failing the page.
    if (!(e instanceof AppError)) logError("series.credentials", e);
    return { ok: false, error: e instanceof AppError ? e.message : "profiles.series.failure.other", reason: null, detail: null, fetchedAt: new Date() };
  }
  try {
    const list = await sb.series.list(creds, { type: "f" }, { maxWaitMs: 10_000 });
    await recordCallOutcome(db, connection.id, { ok: true });
    const series = list
      .filter((s) => s.type === "f")
      .map((s) => ({ name: s.name, nextNumber: s.nextNumber }))
      .sort((a, b) => a.name.localeCompare(b.name));
    return { ok: true, series, fetchedAt: new Date() };
  } catch (e) {
    await recordCallOutcome(db, connection.id, { ok: false, error: e });
    if (!isSmartBillError(e)) logError("series.list", e);
    const f = smartBillFailureOf(e);
    return { ok: false, error: `profiles.series.failure.${verifyFailureOf(e)}`, reason: f.reason, detail: f.detail ?? null, fetchedAt: new Date() };
  }
}

/** Binds a profile to a series only after SmartBill confirms the series exists. */
export async function chooseSeries(
  db: Database,
  p: { orgId: string; actorUserId: string; profileId: string; seriesName: string },
  sb: SmartBill = smartbill(),
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
export async function checkSeriesStep(db: Database, orgId: string, sb: SmartBill = smartbill()): Promise<void> {
  const profiles = await requireSeriesForAll(db, orgId);
  const listing = await listInvoiceSeries(db, orgId, sb);
  if (!listing.ok) return;
  const names = new Set(listing.series.map((s) => s.name));
  if (profiles.some((p) => !names.has(p.seriesName!))) throw new AppError("conflict", "profiles.series.stale");
}
