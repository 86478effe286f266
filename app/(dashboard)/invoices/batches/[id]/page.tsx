import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { db } from "@/db";
import { PageHeader } from "@/components/ui/card";
import { can } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/session";
import { getT } from "@/lib/i18n";
import { getBatchView } from "@/lib/invoicing";
import { BatchProgress } from "../_components/batch-progress";

export const metadata: Metadata = { title: "Bulk issue" };

// A bulk run's progress, keyed by the batch id: it survives a reload and every member of the school
// can follow it. Accountants see it read-only (they may view invoices, not issue or cancel them).
export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const member = await requirePermission("viewInvoices");
  const { id } = await params;
  if (!/^[0-9a-f-]{36}$/i.test(id)) notFound();
  const view = await getBatchView(db, member.org.id, id);
  if (!view) notFound();
  const t = await getT();
  return (
    <>
      <PageHeader
        title={t("invoiceBulk.progress.title")}
        actions={
          <Link href="/invoices/batches" className="text-sm text-indigo-700 underline-offset-4 hover:underline">
            {t("invoiceBulk.list.allRuns")}
          </Link>
        }
      />
      <BatchProgress initial={view} canCancel={can(member.role, "issueInvoices")} />
    </>
  );
}
