import type { Metadata } from "next";
import Link from "next/link";
import { Receipt } from "lucide-react";
import { EmptyState, PageHeader } from "@/components/ui/card";
import { requirePermission } from "@/lib/auth/session";
import { getT } from "@/lib/i18n";
import { RunningBatchesBanner } from "./batches/_components/running-batches-banner";

export const metadata: Metadata = { title: "Invoices" };

export default async function Page() {
  const member = await requirePermission("viewInvoices");
  const t = await getT();
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
      <EmptyState icon={<Receipt className="size-10" aria-hidden />} title={t("pages.invoices.emptyTitle")}>
        <p>{t("pages.invoices.emptyBody")}</p>
      </EmptyState>
    </>
  );
}
