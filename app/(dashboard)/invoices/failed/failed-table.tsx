"use client";

import { useState } from "react";
import Link from "next/link";
import { useTranslations } from "use-intl";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { retryInvoiceAction } from "../actions/retry-invoice";
import { retryInvoicesAction } from "../actions/retry-invoices";
import { ConfirmAction } from "../_components/confirm-action";

export interface FailedRow {
  id: string;
  registration: { id: string; reference: string; participantName: string };
  clientName: string;
  amount: string;
  series: string;
  /** What happened and what to do, translated. */
  failure: string;
  /** SmartBill's own text. */
  failureText: string | null;
  settingsLink: string | null;
  retryable: boolean;
  when: string;
}

function RetryBody({ retryableOnly }: { retryableOnly: boolean }) {
  const t = useTranslations("invoiceInbox.failed");
  return (
    <>
      <p>{t("confirmBody")}</p>
      {retryableOnly && <p>{t("confirmRetryableOnly")}</p>}
    </>
  );
}

/** The failed requests with their retry controls, or `empty` (the notice of the last retry stays above either). */
export function FailedTable({ rows, retryableTotal, empty }: { rows: FailedRow[]; retryableTotal: number; empty: React.ReactNode }) {
  const t = useTranslations("invoiceInbox");
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [notice, setNotice] = useState<string | null>(null);
  const toggle = (id: string, on: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const selectedIds = rows.filter((r) => selected.has(r.id)).map((r) => r.id);
  const allOn = rows.length > 0 && selectedIds.length === rows.length;
  const doneMany = (d: { retried: number; skipped: number; paymentVoided: number }) => {
    setSelected(new Set());
    const done = t("failed.done", { retried: d.retried, skipped: d.skipped });
    setNotice(d.paymentVoided ? `${done} ${t("failed.skippedPaymentVoided", { count: d.paymentVoided })}` : done);
  };

  return (
    <div className="space-y-4">
      {notice && <Alert tone="success">{notice}</Alert>}
      {!rows.length && empty}
      {rows.length > 0 && (
        <>
          <div className="flex flex-wrap gap-2">
            <ConfirmAction
              trigger={
                <Button type="button" variant="secondary" disabled={!selectedIds.length}>
                  {t("failed.retrySelected", { count: selectedIds.length })}
                </Button>
              }
              title={t("failed.confirmTitle", { count: selectedIds.length })}
              body={<RetryBody retryableOnly />}
              confirmLabel={t("failed.confirm")}
              run={() => retryInvoicesAction({ requestIds: selectedIds })}
              done={doneMany}
            />
            <ConfirmAction
              trigger={
                <Button type="button" disabled={!retryableTotal}>
                  {t("failed.retryAll", { count: retryableTotal })}
                </Button>
              }
              title={t("failed.confirmTitle", { count: retryableTotal })}
              body={<RetryBody retryableOnly />}
              confirmLabel={t("failed.confirm")}
              run={() => retryInvoicesAction({ requestIds: null })}
              done={doneMany}
            />
          </div>
          <Card className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">{t("failed.title")}</caption>
              <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase text-slate-500">
                <tr>
                  <th scope="col" className="w-8 px-3 py-2">
                    <input
                      type="checkbox"
                      className="size-4 accent-indigo-600"
                      aria-label={t("failed.selectAll")}
                      checked={allOn}
                      onChange={(e) => setSelected(e.target.checked ? new Set(rows.map((r) => r.id)) : new Set())}
                    />
                  </th>
                  <th scope="col" className="px-3 py-2">{t("common.registration")}</th>
                  <th scope="col" className="px-3 py-2">{t("common.client")}</th>
                  <th scope="col" className="px-3 py-2 text-right">{t("common.amount")}</th>
                  <th scope="col" className="px-3 py-2">{t("common.series")}</th>
                  <th scope="col" className="px-3 py-2">{t("failed.failure")}</th>
                  <th scope="col" className="px-3 py-2">{t("common.when")}</th>
                  <th scope="col" className="px-3 py-2"><span className="sr-only">{t("common.actions")}</span></th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {rows.map((r) => (
                  <tr key={r.id} data-testid="failed-row" data-request-id={r.id} className="align-top">
                    <td className="px-3 py-3">
                      <input
                        type="checkbox"
                        className="size-4 accent-indigo-600"
                        aria-label={t("failed.select", { reference: r.registration.reference })}
                        checked={selected.has(r.id)}
                        onChange={(e) => toggle(r.id, e.target.checked)}
                      />
                    </td>
                    <td className="px-3 py-3">
                      <Link href={`/registrations/${r.registration.id}`} className="font-medium text-indigo-700 hover:underline">
                        {r.registration.participantName}
                      </Link>
                      <div className="text-xs text-slate-500">{r.registration.reference}</div>
                    </td>
                    <td className="px-3 py-3">{r.clientName}</td>
                    <td className="px-3 py-3 text-right tabular-nums">{r.amount}</td>
                    <td className="px-3 py-3">{r.series}</td>
                    <td className="max-w-md px-3 py-3">
                      <div className="mb-1">
                        <Badge tone={r.retryable ? "info" : "warning"}>{r.retryable ? t("failed.retryable") : t("failed.notRetryable")}</Badge>
                      </div>
                      <p>{r.failure}</p>
                      {r.failureText && <p className="mt-1 text-slate-600">{t("common.smartbillSaid", { text: r.failureText })}</p>}
                      {r.settingsLink && (
                        <Link href={r.settingsLink} className="mt-1 inline-block text-indigo-700 hover:underline">
                          {t("failed.fixLink")}
                        </Link>
                      )}
                    </td>
                    <td className="whitespace-nowrap px-3 py-3 text-slate-600">{r.when}</td>
                    <td className="px-3 py-3 text-right">
                      <ConfirmAction
                        trigger={
                          <Button type="button" size="sm" variant="secondary" aria-label={t("failed.retryFor", { reference: r.registration.reference })}>
                            {t("failed.retry")}
                          </Button>
                        }
                        title={t("failed.confirmTitle", { count: 1 })}
                        body={<RetryBody retryableOnly={false} />}
                        confirmLabel={t("failed.confirm")}
                        run={() => retryInvoiceAction({ requestId: r.id })}
                        done={() => setNotice(t("failed.doneOne"))}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Card>
        </>
      )}
    </div>
  );
}
