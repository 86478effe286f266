"use client";

import { useState } from "react";
import { useLocale, useTranslations } from "use-intl";
import { Badge } from "@/components/ui/badge";
import { useErrorText } from "@/components/use-error-text";
import { formatMoney } from "@/lib/format";
import type { PreviewRow } from "./types";

/** Each row of the file with its spreadsheet row number: what it creates or reuses, or its errors. */
export function DryRunTable({ rows, errorCount }: { rows: PreviewRow[]; errorCount: number }) {
  const t = useTranslations("registrationImport");
  const locale = useLocale();
  const errorText = useErrorText();
  const [onlyErrors, setOnlyErrors] = useState(false);
  const fieldLabel = (field: string) => (t.has(`fields.${field}` as never) ? t(`fields.${field}` as never) : t("fields.row"));
  const shown = onlyErrors ? rows.filter((r) => r.status === "error") : rows;
  return (
    <div className="space-y-3">
      {errorCount > 0 && (
        <label className="inline-flex items-center gap-2 text-sm">
          <input type="checkbox" className="size-4 rounded border-slate-300" checked={onlyErrors} onChange={(e) => setOnlyErrors(e.target.checked)} />
          {t("dryRun.onlyErrors")}
        </label>
      )}
      {/* Scrolls sideways on a phone; focusable so a keyboard can scroll it too. */}
      <div className="overflow-x-auto rounded-lg border border-slate-200 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500" role="region" aria-label={t("dryRun.caption")} tabIndex={0}>
        <table className="w-full min-w-[48rem] text-left text-sm">
          <caption className="sr-only">{t("dryRun.caption")}</caption>
          <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
            <tr>
              <th scope="col" className="px-3 py-2 text-right">{t("dryRun.columns.row")}</th>
              <th scope="col" className="px-3 py-2">{t("dryRun.columns.participant")}</th>
              <th scope="col" className="px-3 py-2">{t("dryRun.columns.client")}</th>
              <th scope="col" className="px-3 py-2">{t("dryRun.columns.course")}</th>
              <th scope="col" className="px-3 py-2">{t("dryRun.columns.result")}</th>
              <th scope="col" className="w-[40%] min-w-64 px-3 py-2">{t("dryRun.columns.errors")}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {shown.map((row) => (
              <tr key={row.line} data-line={row.line} data-status={row.status} className={row.status === "error" ? "bg-red-50/60" : undefined}>
                <th scope="row" className="px-3 py-2 text-right font-mono font-medium tabular-nums">{row.line}</th>
                <td className="px-3 py-2">{row.participantName}</td>
                <td className="px-3 py-2">{row.clientName}</td>
                <td className="px-3 py-2">{row.courseName}</td>
                <td className="px-3 py-2">
                  <div className="flex flex-wrap gap-1">
                    {row.status === "create" && (
                      <>
                        <Badge tone={row.clientIsNew ? "accent" : "neutral"}>{row.clientIsNew ? t("dryRun.clientNew") : t("dryRun.clientExisting")}</Badge>
                        <Badge tone="success">{t("dryRun.registrationNew")}</Badge>
                        {row.paidBani ? <Badge tone="info">{t("dryRun.payment", { amount: formatMoney(row.paidBani, locale) })}</Badge> : null}
                      </>
                    )}
                    {row.status === "exists" && <Badge tone="neutral">{t("dryRun.registrationExists")}</Badge>}
                    {row.status === "error" && <Badge tone="danger">{t("dryRun.notImported")}</Badge>}
                  </div>
                </td>
                <td className="px-3 py-2">
                  {row.errors.length > 0 && (
                    <ul aria-label={t("dryRun.rowErrors", { line: row.line, count: row.errors.length })} className="list-disc space-y-0.5 pl-4 text-red-800">
                      {row.errors.map((e) => (
                        <li key={`${e.field}:${e.message}`}>{t("dryRun.errorItem", { field: fieldLabel(e.field), message: errorText(e.message) ?? "" })}</li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
