import type { Metadata } from "next";
import Link from "next/link";
import { AlertTriangle, Receipt, Scale } from "lucide-react";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { db } from "@/db";
import { countInbox } from "@/db/queries/invoice-inbox";
import { can } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/session";
import { getT } from "@/lib/i18n";
import { RunningBatchesBanner } from "./batches/_components/running-batches-banner";

export const metadata: Metadata = { title: "Invoices" };

export default async function Page() {
  const member = await requirePermission("viewInvoices");
  const t = await getT();
  // Staff and admins get to the invoices that wait for a person; the accountants' list is a later issue.
  const inbox = can(member.role, "issueInvoices") ? await countInbox(db, member.org.id) : null;
  return (
    <>
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
              <Scale className={`size-5 ${inbox.inDoubt ? "text-amber-600" : "text-slate-400"}`} aria-hidden />
              {t("invoiceInbox.links.reconcile", { count: inbox.inDoubt })}
            </Link>
          </Card>
        </nav>
      )}
      <EmptyState icon={<Receipt className="size-10" aria-hidden />} title={t("pages.invoices.emptyTitle")}>
        <p>{t("pages.invoices.emptyBody")}</p>
      </EmptyState>
    </>
  );
}
