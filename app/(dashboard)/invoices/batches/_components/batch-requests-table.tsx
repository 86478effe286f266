"use client";

import Link from "next/link";
import { useLocale, useTranslations } from "use-intl";
import { InvoiceStatusBadge, invoiceNumber } from "@/components/invoices/invoice-status-badge";
import { formatMoney } from "@/lib/format";
import type { BatchView } from "@/lib/invoicing";

/** The run's requests, those needing attention (failed, in doubt) first; capped by the server. */
export function BatchRequestsTable({ rows, capped }: { rows: BatchView["requests"]; capped: boolean }) {
  const t = useTranslations("invoiceBulk.progress");
  const ts = useTranslations("invoicing.status");
  const locale = useLocale();
  if (!rows.length) return null;
  return (
    <section aria-labelledby="batch-requests" className="space-y-2">
      <h2 id="batch-requests" className="text-base font-semibold">
        {t("requests")}
      </h2>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
        <table className="w-full text-sm">
          <caption className="sr-only">{t("requestsCaption")}</caption>
          <thead className="bg-slate-50 text-left text-xs text-slate-600">
            <tr>
              <th className="px-3 py-2 font-medium">{t("reference")}</th>
              <th className="px-3 py-2 font-medium">{t("participant")}</th>
              <th className="hidden px-3 py-2 font-medium md:table-cell">{t("client")}</th>
              <th className="px-3 py-2 text-right font-medium">{t("total")}</th>
              <th className="px-3 py-2 font-medium">{t("status")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} className="border-t border-slate-100">
                <td className="px-3 py-2 font-mono text-xs">
                  <Link href={`/registrations/${r.registrationId}`} className="text-indigo-700 hover:underline">
                    {r.reference}
                  </Link>
                </td>
                <td className="px-3 py-2">{r.participantName}</td>
                <td className="hidden px-3 py-2 md:table-cell">{r.clientName}</td>
                <td className="px-3 py-2 text-right tabular-nums">{formatMoney(r.amountBani, locale)}</td>
                <td className="px-3 py-2">
                  <InvoiceStatusBadge status={r.status} label={ts(r.status)} number={invoiceNumber(r.issuedSeries, r.issuedNumber)} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {capped && <p className="text-sm text-slate-600">{t("capped", { count: rows.length })}</p>}
    </section>
  );
}
