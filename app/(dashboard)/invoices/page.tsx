import type { Metadata } from "next";
import { Receipt } from "lucide-react";
import { EmptyState, PageHeader } from "@/components/ui/card";
import { requirePermission } from "@/lib/auth/session";
import { getT } from "@/lib/i18n";

export const metadata: Metadata = { title: "Invoices" };

export default async function Page() {
  await requirePermission("viewInvoices");
  const t = await getT();
  return (
    <>
      <PageHeader title={t("pages.invoices.title")} description={t("pages.invoices.description")} />
      <EmptyState icon={<Receipt className="size-10" aria-hidden />} title={t("pages.invoices.emptyTitle")}>
        <p>{t("pages.invoices.emptyBody")}</p>
      </EmptyState>
    </>
  );
}
