import { db } from "@/db";
import { getLocale } from "@/lib/i18n";
import { listProfiles } from "@/lib/billing/profiles";
import { listInvoiceSeries } from "@/lib/billing/series";
import { SeriesPanel } from "../_components/series/series-panel";
import type { SeriesListingView } from "../_components/series/types";
import type { StepProps } from "./types";

export async function SeriesStep({ orgId, backHref }: StepProps) {
  const [profiles, locale] = await Promise.all([listProfiles(db, orgId), getLocale()]);
  // Asked live on every visit and Refresh: the next numbers move as invoices are issued.
  const listing = profiles.length ? await listInvoiceSeries(db, orgId) : null;
  const time = new Intl.DateTimeFormat(locale === "ro" ? "ro-RO" : "en-GB", { timeStyle: "medium", timeZone: "Europe/Bucharest" });
  const view: SeriesListingView = listing
    ? { ...listing, fetchedAt: time.format(listing.fetchedAt) }
    : { ok: true, series: [], fetchedAt: time.format(new Date()) };
  return (
    <SeriesPanel
      backHref={backHref}
      listing={view}
      profiles={profiles.map((p) => ({ id: p.id, companyName: p.companyName, cif: p.cif, isDefault: p.isDefault, seriesName: p.seriesName }))}
    />
  );
}
