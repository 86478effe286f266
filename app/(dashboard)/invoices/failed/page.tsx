import type { Metadata } from "next";
import Link from "next/link";
import { ArrowLeft, CheckCircle2 } from "lucide-react";
import { EmptyState, PageHeader } from "@/components/ui/card";
import { db } from "@/db";
import { countInbox, listInboxRequests } from "@/db/queries/invoice-inbox";
import { requirePermission } from "@/lib/auth/session";
import { formatDateTime, formatMoney } from "@/lib/format";
import { getLocale, getT } from "@/lib/i18n";
import { failureOfType } from "@/lib/invoicing";
import { Pager, INBOX_PAGE_SIZE, pageOf } from "../_components/pager";
import { FailedTable, type FailedRow } from "./failed-table";

export const metadata: Metadata = { title: "Failed invoices" };

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const member = await requirePermission("issueInvoices");
  const orgId = member.org.id;
  const page = pageOf((await searchParams).page);
  const [t, locale, rows, counts] = await Promise.all([
    getT(),
    getLocale(),
    listInboxRequests(db, orgId, "failed", { limit: INBOX_PAGE_SIZE, offset: (page - 1) * INBOX_PAGE_SIZE }),
    countInbox(db, orgId),
  ]);
  const failed: FailedRow[] = rows.map(({ request: r, registration, client }) => {
    const f = failureOfType(r.failureType ?? "unknown", client.id);
    return {
      id: r.id,
      registration,
      clientName: client.name,
      amount: formatMoney(r.totalBani, locale),
      series: r.seriesName,
      failure: t(f.messageKey as never),
      failureText: r.failureText,
      settingsLink: f.settingsLink,
      retryable: !!r.retryable,
      when: formatDateTime(r.updatedAt, locale),
    };
  });
  return (
    <>
      <Link href="/invoices" className="mb-3 inline-flex items-center gap-1 text-sm text-slate-600 hover:text-indigo-700">
        <ArrowLeft className="size-4" aria-hidden />
        {t("invoiceInbox.common.back")}
      </Link>
      <PageHeader title={t("invoiceInbox.failed.title")} description={t("invoiceInbox.failed.description")} />
      <FailedTable
        rows={failed}
        retryableTotal={counts.retryable}
        empty={
          <EmptyState icon={<CheckCircle2 className="size-10" aria-hidden />} title={t("invoiceInbox.failed.emptyTitle")}>
            <p>{t("invoiceInbox.failed.emptyBody")}</p>
          </EmptyState>
        }
      />
      <Pager path="/invoices/failed" page={page} shown={failed.length} total={counts.failed} />
    </>
  );
}
