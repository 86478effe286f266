"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";
import { RefreshCw } from "lucide-react";
import { useFormatter, useTranslations } from "use-intl";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import type { VatSync } from "@/lib/billing/vat";
import type { VatLevel } from "@/lib/billing/vat-diff";
import { syncVatLevelsAction } from "../../actions/vat";
import { ActionError, type ShownFailure } from "../action-error";
import { VatChanges } from "./vat-changes";
import { usePercent } from "./use-percent";

interface Props {
  connected: boolean;
  companyVatPayer: boolean | null;
  payerMode: boolean;
  levels: VatLevel[];
  lastSync: VatSync | null;
  syncedAt: Date | null;
}

// Synchronize: pulls SmartBill's VAT levels, then shows what changed and the full current list.
export function VatSyncPanel({ connected, companyVatPayer, payerMode, levels, lastSync, syncedAt }: Props) {
  const t = useTranslations("vat");
  const format = useFormatter();
  const percent = usePercent();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [failure, setFailure] = useState<ShownFailure | null>(null);
  const [announcement, setAnnouncement] = useState("");

  const synchronize = () =>
    start(async () => {
      setFailure(null);
      setAnnouncement("");
      const res = await syncVatLevelsAction({});
      if (!res.ok) return setFailure(res);
      setAnnouncement(res.data.vatPayer ? t("sync.done", { added: res.data.added, removed: res.data.removed, changed: res.data.changed }) : t("sync.notPayer"));
      // Keep the busy state until the page shows the new levels.
      start(() => router.refresh());
    });

  // The first visit of a VAT payer brings the levels in once, without a click.
  const autoRan = useRef(false);
  const shouldAutoSync = connected && !syncedAt && companyVatPayer !== false && payerMode;
  useEffect(() => {
    if (!shouldAutoSync || autoRan.current) return;
    autoRan.current = true;
    synchronize();
    // Once per mount, on purpose.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const notPayer = lastSync ? !lastSync.vatPayer : companyVatPayer === false;
  return (
    <Card className="p-6" role="region" aria-labelledby="vat-sync-title">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="max-w-2xl">
          <h3 id="vat-sync-title" className="font-semibold">
            {t("sync.title")}
          </h3>
          <p className="mt-1 text-sm text-slate-600">{t("sync.body")}</p>
          <p className="mt-2 text-sm text-slate-700">
            {syncedAt ? (
              t.rich("sync.lastSynced", {
                when: format.dateTime(syncedAt, { dateStyle: "medium", timeStyle: "short" }),
                time: (chunks) => (
                  <time dateTime={syncedAt.toISOString()} className="font-medium">
                    {chunks}
                  </time>
                ),
              })
            ) : (
              <span>{t("sync.never")}</span>
            )}
          </p>
        </div>
        <Button type="button" variant="secondary" onClick={synchronize} pending={pending} disabled={!connected}>
          {!pending && <RefreshCw className="size-4" aria-hidden />}
          {t("sync.button")}
        </Button>
      </div>

      <div className="mt-4 space-y-3" aria-busy={pending}>
        <p role="status" className={pending ? "text-sm text-slate-600" : "sr-only"}>
          {pending ? t("sync.running") : announcement}
        </p>
        <ActionError error={failure} />
        {!connected && <Alert tone="warning">{t("sync.notConnected")}</Alert>}
        {connected && !syncedAt && !pending && !notPayer && <Alert tone="info">{t("sync.prompt")}</Alert>}
        {notPayer && connected && <Alert tone="info">{t("sync.notPayer")}</Alert>}
        {lastSync && lastSync.vatPayer && <VatChanges sync={lastSync} />}
        {syncedAt && !notPayer && (
          <div className={pending ? "opacity-60" : undefined}>
            {levels.length === 0 ? (
              <Alert tone="warning">{t("levels.empty")}</Alert>
            ) : (
              <table className="w-full max-w-xl text-sm">
                <caption className="mb-2 text-left font-medium text-slate-800">{t("levels.caption", { count: levels.length })}</caption>
                <thead>
                  <tr className="border-b border-slate-200 text-left text-slate-600">
                    <th scope="col" className="py-2 pr-4 font-medium">
                      {t("levels.name")}
                    </th>
                    <th scope="col" className="py-2 text-right font-medium">
                      {t("levels.percentage")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {levels.map((l) => (
                    <tr key={l.name} className="border-b border-slate-100 last:border-0">
                      <td className="py-2 pr-4">{l.name}</td>
                      <td className="py-2 text-right tabular-nums">{percent(l.percentage)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </div>
        )}
        {!syncedAt && pending && (
          <div className="space-y-2" aria-hidden>
            {[0, 1, 2].map((i) => (
              <div key={i} className="h-8 max-w-xl animate-pulse rounded bg-slate-100" />
            ))}
          </div>
        )}
      </div>
    </Card>
  );
}
