import type { Metadata } from "next";
import Link from "next/link";
import { db } from "@/db";
import { listRecentBatches } from "@/db/queries/invoice-batches";
import { EmptyState, PageHeader } from "@/components/ui/card";
import { requirePermission } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/format";
import { getLocale, getT } from "@/lib/i18n";

export const metadata: Metadata = { title: "Bulk issues" };

/** The school's latest bulk runs, so a run started by someone else (or before a reload) is easy to find. */
export default async function Page() {
  const member = await requirePermission("viewInvoices");
  const t = await getT();
  const locale = await getLocale();
  const batches = await listRecentBatches(db, member.org.id, 50);
  return (
    <>
      <PageHeader title={t("invoiceBulk.list.title")} description={t("invoiceBulk.list.description")} />
      {batches.length === 0 ? (
        <EmptyState title={t("invoiceBulk.list.title")}>
          <p>{t("invoiceBulk.list.empty")}</p>
        </EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
          <table className="w-full text-sm">
            <caption className="sr-only">{t("invoiceBulk.list.caption")}</caption>
            <thead className="bg-slate-50 text-left text-xs text-slate-600">
              <tr>
                <th className="px-3 py-2 font-medium">{t("invoiceBulk.list.started")}</th>
                <th className="px-3 py-2 font-medium">{t("invoiceBulk.list.by")}</th>
                <th className="px-3 py-2 font-medium">{t("invoiceBulk.list.progress")}</th>
                <th className="px-3 py-2 font-medium">{t("invoiceBulk.list.state")}</th>
                <th className="px-3 py-2" />
              </tr>
            </thead>
            <tbody>
              {batches.map((b) => {
                const c = b.counts;
                const total = c.queued + c.issuing + c.issued + c.failed + c.in_doubt + c.cancelled;
                const running = c.queued + c.issuing > 0;
                return (
                  <tr key={b.id} className="border-t border-slate-100">
                    <td className="px-3 py-2">{formatDateTime(b.createdAt, locale)}</td>
                    <td className="px-3 py-2">{b.createdByName ?? t("invoiceBulk.progress.unknownUser")}</td>
                    <td className="px-3 py-2 tabular-nums">{t("invoiceBulk.progress.progressText", { done: c.issued, total })}</td>
                    <td className="px-3 py-2">
                      {b.cancelledAt ? t("invoiceBulk.progress.cancelled") : running ? t("invoiceBulk.progress.running") : t("invoiceBulk.progress.finished")}
                    </td>
                    <td className="px-3 py-2 text-right">
                      <Link href={`/invoices/batches/${b.id}`} className="text-indigo-700 underline-offset-4 hover:underline">
                        {t("invoiceBulk.list.open")}
                      </Link>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
