"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { RefreshCw } from "lucide-react";
import { useTranslations } from "use-intl";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { bindSeriesAction, completeSeriesStepAction } from "../../actions/series";
import { ActionError, type ShownFailure } from "../action-error";
import { BackLink } from "../step-footer";
import { SeriesRow, type RowState } from "./series-row";
import type { SeriesListingView, SeriesProfile } from "./types";

type Failure = ShownFailure;

export function SeriesPanel(props: { profiles: SeriesProfile[]; listing: SeriesListingView; backHref: string | null }) {
  const t = useTranslations("profiles.series");
  const ts = useTranslations("setup");
  const router = useRouter();
  const { profiles, listing } = props;
  // What SmartBill knows is server data (Refresh re-renders the page); choices being made live here.
  const [saved, setSaved] = useState<Record<string, string | null>>(() => Object.fromEntries(profiles.map((p) => [p.id, p.seriesName])));
  const [chosen, setChosen] = useState<Record<string, string>>(() => Object.fromEntries(profiles.map((p) => [p.id, p.seriesName ?? ""])));
  const [rows, setRows] = useState<Record<string, RowState>>({});
  const [failure, setFailure] = useState<Failure | null>(null);
  const [refreshing, startRefresh] = useTransition();
  const [continuing, startContinue] = useTransition();
  const options = listing.ok ? listing.series : null;
  const busy = refreshing || continuing;

  const setRow = (id: string, state: RowState) => setRows((r) => ({ ...r, [id]: state }));

  const save = async (id: string): Promise<boolean> => {
    setRow(id, { pending: true });
    const res = await bindSeriesAction({ profileId: id, seriesName: chosen[id] ?? "" });
    if (!res.ok) {
      setRow(id, { failure: res });
      return false;
    }
    setSaved((s) => ({ ...s, [id]: res.data.seriesName }));
    setRow(id, { justSaved: true });
    return true;
  };

  const refresh = () =>
    startRefresh(() => {
      setFailure(null);
      router.refresh();
    });

  const onContinue = () =>
    startContinue(async () => {
      setFailure(null);
      if (profiles.some((p) => !chosen[p.id])) return setFailure({ error: "profiles.series.needAll" });
      for (const p of profiles) {
        if (chosen[p.id] !== saved[p.id] && !(await save(p.id))) return;
      }
      const res = await completeSeriesStepAction({});
      if (!res.ok) return setFailure(res);
      router.push(`/setup/${res.data.next ?? "review"}`);
    });

  return (
    <Card className="p-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="max-w-2xl">
          <h2 id="step-title" className="text-lg font-semibold">
            {t("title")}
          </h2>
          <p className="mt-1 text-sm text-slate-600">{t("intro")}</p>
        </div>
        {profiles.length > 0 && (
          <Button variant="secondary" onClick={refresh} pending={refreshing} disabled={busy}>
            {!refreshing && <RefreshCw className="size-4" aria-hidden />}
            {refreshing ? t("refreshing") : t("refresh")}
          </Button>
        )}
      </div>

      <Alert tone="info" title={t("whereTitle")} className="mt-4">
        {t("whereBody")}
      </Alert>

      {profiles.length === 0 ? (
        <Alert tone="warning" className="mt-4">
          {t("noProfiles")}
        </Alert>
      ) : (
        <div className="mt-4 space-y-3" aria-busy={refreshing}>
          <p className="text-xs text-slate-500" aria-live="polite">
            {refreshing ? t("refreshing") : t(listing.ok ? "fetchedAt" : "triedAt", { time: listing.fetchedAt })}
          </p>
          {!listing.ok && (
            <div className="space-y-2">
              <ActionError error={listing.error} detail={listing.detail} />
              <Button variant="secondary" size="sm" onClick={refresh} pending={refreshing} disabled={busy}>
                {t("retry")}
              </Button>
            </div>
          )}
          {listing.ok && listing.series.length === 0 && <Alert tone="warning">{t("empty")}</Alert>}
          <ul aria-label={t("listLabel")} className="divide-y divide-slate-200 rounded-lg border border-slate-200">
            {profiles.map((p) => (
              <SeriesRow
                key={p.id}
                profile={p}
                options={options}
                saved={saved[p.id] ?? null}
                chosen={chosen[p.id] ?? ""}
                state={rows[p.id] ?? {}}
                busy={busy}
                onChoose={(name) => {
                  setChosen((c) => ({ ...c, [p.id]: name }));
                  setRow(p.id, {});
                  setFailure(null);
                }}
                onSave={() => void save(p.id)}
              />
            ))}
          </ul>
        </div>
      )}

      <div className="mt-4 empty:hidden">{failure && <ActionError error={failure} />}</div>
      <div className="mt-6 flex items-center justify-between gap-3 border-t border-slate-200 pt-5">
        <BackLink href={props.backHref} label={ts("back")} />
        <Button onClick={onContinue} pending={continuing} disabled={busy || profiles.length === 0}>
          {ts("continue")}
        </Button>
      </div>
    </Card>
  );
}
