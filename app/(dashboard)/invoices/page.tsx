import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { NuqsAdapter } from "nuqs/adapters/next/app";
import type { SearchParams } from "nuqs/server";
import { AlertTriangle, Scale } from "lucide-react";
import { DataTableSkeleton } from "@/components/data-table/skeleton";
import { TableTransitionProvider } from "@/components/data-table/table-transition";
import { Card, PageHeader } from "@/components/ui/card";
import { db } from "@/db";
import { countInbox } from "@/db/queries/invoice-inbox";
import { can } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/session";
import { getT } from "@/lib/i18n";
import { InvoicesSection } from "./_components/invoices-section";
import { RunningBatchesBanner } from "./batches/_components/running-batches-banner";
import { invoicesSearchParams } from "./search-params";

export const metadata: Metadata = { title: "Invoices" };

// Everyone who may see invoices gets the list; staff and admins also get to the ones that wait for a person.
export default async function Page({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const member = await requirePermission("viewInvoices");
  const t = await getT();
  const url = await invoicesSearchParams.parse(searchParams);
  const canIssue = can(member.role, "issueInvoices");
  const inbox = canIssue ? await countInbox(db, member.org.id) : null;
  // The list keeps its state in the URL (nuqs); the adapter is here, not in a layout, so the failed,
  // reconcile and batch pages below /invoices do not download it.
  return (
    <NuqsAdapter>
      <TableTransitionProvider>
        <PageHeader
          title={t("pages.invoices.title")}
          description={t("pages.invoices.description")}
          actions={
            <Link href="/invoices/batches" className="text-sm text-indigo-700 underline-offset-4 hover:underline">
              {t("invoiceBulk.list.title")}
            </Link>
          }
        />
        <RunningBatchesBanner orgId={member.org.id} />
        {inbox && (
          <nav aria-label={t("invoiceInbox.links.title")} className="mb-6 grid gap-3 sm:grid-cols-2">
            <Card className="p-0">
              <Link href="/invoices/failed" className="flex items-center gap-3 rounded-lg p-4 font-medium hover:bg-slate-50" data-testid="failed-link">
                <AlertTriangle className={`size-5 ${inbox.failed ? "text-red-600" : "text-slate-400"}`} aria-hidden />
                {t("invoiceInbox.links.failed", { count: inbox.failed })}
              </Link>
            </Card>
            <Card className="p-0">
              <Link href="/invoices/reconcile" className="flex items-center gap-3 rounded-lg p-4 font-medium hover:bg-slate-50" data-testid="reconcile-link">
                <Scale className={`size-5 shrink-0 ${inbox.alarms ? "text-red-600" : inbox.inDoubt ? "text-amber-600" : "text-slate-400"}`} aria-hidden />
                <span>
                  {t("invoiceInbox.links.reconcile", { count: inbox.inDoubt })}
                  {inbox.alarms > 0 && (
                    <span className="block text-sm font-normal text-red-700" data-testid="alarms-count">
                      {t("invoiceInbox.links.alarms", { count: inbox.alarms })}
                    </span>
                  )}
                </span>
              </Link>
            </Card>
          </nav>
        )}
        <Suspense fallback={<DataTableSkeleton columns={8} label={t("invoiceList.loading")} />}>
          <InvoicesSection orgId={member.org.id} url={url} canIssue={canIssue} />
        </Suspense>
      </TableTransitionProvider>
    </NuqsAdapter>
  );
}
