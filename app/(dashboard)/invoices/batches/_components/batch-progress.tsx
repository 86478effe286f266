"use client";

import { useState } from "react";
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { useLocale, useTranslations } from "use-intl";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { formatDateTime } from "@/lib/format";
import type { BatchView } from "@/lib/invoicing";
import { BatchCounts } from "./batch-counts";
import { BatchRequestsTable } from "./batch-requests-table";
import { CancelBatchButton } from "./cancel-batch-button";
import { useEtaText } from "./eta";

const POLL_MS = 1_500;

async function fetchBatch(id: string): Promise<BatchView> {
  const res = await fetch(`/api/invoice-batches/${id}`, { cache: "no-store" });
  if (!res.ok) throw new Error(`batch poll: ${res.status}`);
  return (await res.json()) as BatchView;
}

/** The live progress of one bulk run: polled every 1.5 s while anything of it is queued or being sent. */
export function BatchProgress({ initial, canCancel }: { initial: BatchView; canCancel: boolean }) {
  const t = useTranslations("invoiceBulk.progress");
  const te = useTranslations("invoiceBulk.eta");
  const locale = useLocale();
  const eta = useEtaText();
  const [notice, setNotice] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const id = initial.batch.id;
  const query = useQuery({
    queryKey: ["invoice-batch", id],
    queryFn: () => fetchBatch(id),
    initialData: initial,
    staleTime: 0,
    refetchInterval: (q) => (q.state.data?.finished ? false : POLL_MS),
  });
  const view = query.data;
  const { batch } = view;
  const c = batch.counts;
  const total = c.queued + c.issuing + c.issued + c.failed + c.in_doubt + c.cancelled;
  const pending = c.queued + c.issuing;
  const startedAt = formatDateTime(batch.createdAt, locale);
  const percent = total ? Math.round((c.issued / total) * 100) : 100;

  return (
    <div className="space-y-4">
      <Card className="space-y-4 p-5">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <p className="text-sm text-slate-600">
            {batch.createdByName ? t("startedBy", { name: batch.createdByName, at: startedAt }) : t("startedAt", { at: startedAt })}
          </p>
          <p className="text-sm font-medium" data-testid="batch-state" aria-live="polite">
            {batch.cancelledAt ? t("wasCancelled", { at: formatDateTime(batch.cancelledAt, locale) }) : view.finished ? t("finished") : t("running")}
          </p>
        </div>
        <div>
          <div
            role="progressbar"
            aria-label={t("progressLabel")}
            aria-valuemin={0}
            aria-valuemax={total}
            aria-valuenow={c.issued}
            aria-valuetext={t("progressText", { done: c.issued, total })}
            className="h-3 w-full overflow-hidden rounded-full bg-slate-200"
          >
            <div className="h-full rounded-full bg-emerald-500 transition-[width] duration-500" style={{ width: `${percent}%` }} />
          </div>
          <div className="mt-1 flex flex-wrap justify-between gap-2 text-sm text-slate-700">
            <span data-testid="batch-progress-text">{t("progressText", { done: c.issued, total })}</span>
            {!view.finished && <span data-testid="batch-eta">{view.paused ? te("paused") : te("left", { eta: eta(view.etaSeconds) })}</span>}
          </div>
        </div>
        <BatchCounts counts={c} skipped={batch.skippedCount} />
        {notice && <Alert tone={notice.tone}>{notice.text}</Alert>}
        {query.isError && <Alert tone="warning">{t("stale")}</Alert>}
        <div className="flex flex-wrap items-center gap-4 border-t border-slate-200 pt-4 text-sm">
          {canCancel && c.queued > 0 && <CancelBatchButton batchId={id} queued={c.queued} onCancelled={(n) => {
                setNotice(n);
                void query.refetch();
              }} />}
          <Link href="/invoices/failed" className="text-indigo-700 underline-offset-4 hover:underline">
            {t("failedLink")}
          </Link>
          <Link href="/invoices/reconcile" className="text-indigo-700 underline-offset-4 hover:underline">
            {t("reconcileLink")}
          </Link>
        </div>
        {!canCancel && pending > 0 && <p className="text-sm text-slate-600">{t("readOnly")}</p>}
      </Card>
      <BatchRequestsTable rows={view.requests} capped={view.requestsCapped} />
    </div>
  );
}
