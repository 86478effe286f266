"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "use-intl";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogFooter } from "@/components/ui/dialog";
import { useErrorText } from "@/components/use-error-text";
import { formatMoney } from "@/lib/format";
import type { BulkSelectionInput } from "@/lib/invoicing/schemas";
import { bulkIssueSummaryAction, startBulkIssueAction } from "../../../registrations/actions/bulk-issue";
import { useEtaText } from "./eta";

type Summary = Extract<Awaited<ReturnType<typeof bulkIssueSummaryAction>>, { ok: true }>["data"];

/**
 * The confirm step of a bulk issue: what will be invoiced, skipped, the total per series and the time
 * it will take. The batch's client id is made once per dialog, so a double-clicked Confirm (or a retry
 * after a lost answer) makes one batch; then the progress view takes over. Confirm sends the count shown:
 * if the selection would now make another, nothing starts, and the summary is read again to re-confirm.
 */
export function BulkIssueDialog(props: {
  selection: BulkSelectionInput;
  summary: Summary | null;
  summaryError: string | null;
  /** The count changed since the summary: read it again. */
  onStale: () => void;
  onOpenChange: (open: boolean) => void;
}) {
  const t = useTranslations("invoiceBulk.summary");
  const tc = useTranslations("common");
  const locale = useLocale();
  const router = useRouter();
  const errorText = useErrorText();
  const eta = useEtaText();
  const te = useTranslations("invoiceBulk.eta");
  const [clientBatchId] = useState(() => crypto.randomUUID());
  const [starting, setStarting] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const s = props.summary;

  async function confirm() {
    if (!s) return;
    setStarting(true);
    setFailure(null);
    const res = await startBulkIssueAction({ clientBatchId, selection: props.selection, confirmedCount: s.toInvoice });
    if (!res.ok) {
      setStarting(false);
      setFailure(errorText(res) ?? null);
      if (res.error === "invoiceBulk.errors.countChanged") props.onStale();
      return;
    }
    router.push(`/invoices/batches/${res.data.batchId}`);
  }

  return (
    <Dialog open onOpenChange={(open) => !starting && props.onOpenChange(open)}>
      <DialogContent title={t("title")} description={t("description")} className="max-w-xl">
        <div className="space-y-4" aria-busy={!s && !props.summaryError}>
          {!s && !props.summaryError && <p className="text-sm text-slate-600">{t("loading")}</p>}
          {props.summaryError && <Alert tone="error">{props.summaryError}</Alert>}
          {s && (
            <div className="space-y-3" data-testid="bulk-summary">
              <p className="text-base font-semibold" data-testid="bulk-summary-count">
                {t("willIssue", { count: s.toInvoice })}
              </p>
              {s.toInvoice > 0 && <p data-testid="bulk-summary-total">{t("total", { amount: formatMoney(s.totalBani, locale) })}</p>}
              <ul className="space-y-0.5 text-sm text-slate-700">
                {s.skipped.invoiced > 0 && <li>{t("skippedInvoiced", { count: s.skipped.invoiced })}</li>}
                {s.skipped.inProgress > 0 && <li>{t("skippedInProgress", { count: s.skipped.inProgress })}</li>}
                {s.skipped.cancelled > 0 && <li>{t("skippedCancelled", { count: s.skipped.cancelled })}</li>}
              </ul>
              {s.series.length > 0 && (
                <table className="w-full text-sm">
                  <caption className="mb-1 text-left font-medium">{t("perSeries")}</caption>
                  <thead className="text-left text-xs text-slate-600">
                    <tr>
                      <th className="py-1 font-medium">{t("profile")}</th>
                      <th className="py-1 font-medium">{t("series")}</th>
                      <th className="py-1 text-right font-medium">{t("count")}</th>
                      <th className="py-1 text-right font-medium">{t("amount")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {s.series.map((x) => (
                      <tr key={`${x.profileName}:${x.seriesName}`} className="border-t border-slate-100">
                        <td className="py-1">{x.profileName}</td>
                        <td className="py-1 font-mono">{x.seriesName}</td>
                        <td className="py-1 text-right tabular-nums">{x.count}</td>
                        <td className="py-1 text-right tabular-nums">{formatMoney(x.totalBani, locale)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
              {s.toInvoice > 0 && (
                <div className="text-sm text-slate-700">
                  <p data-testid="bulk-summary-eta">{te("label", { eta: eta(s.etaSeconds) })}</p>
                  {s.alreadyQueued > 0 && <p>{t("alreadyQueued", { count: s.alreadyQueued })}</p>}
                  <p className="text-xs text-slate-500">{te("rate")}</p>
                </div>
              )}
              {s.blocked && <Alert tone="error">{errorText(s.blocked)}</Alert>}
              {s.toInvoice === 0 && !s.blocked && <Alert tone="info">{t("nothing")}</Alert>}
            </div>
          )}
          {failure && <Alert tone="error">{failure}</Alert>}
          <DialogFooter cancelLabel={tc("cancel")} busy={starting}>
            <Button type="button" pending={starting} disabled={!s || s.toInvoice === 0 || !!s.blocked} onClick={confirm}>
              {starting ? t("starting") : t("confirm")}
            </Button>
          </DialogFooter>
        </div>
      </DialogContent>
    </Dialog>
  );
}
