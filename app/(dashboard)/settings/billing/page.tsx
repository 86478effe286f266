import type { Metadata } from "next";
import { Settings } from "lucide-react";
import { EmptyState, PageHeader } from "@/components/ui/card";
import { requireRole } from "@/lib/auth/session";
import { getT } from "@/lib/i18n";

export const metadata: Metadata = { title: "Billing settings" };

export default async function Page() {
  await requireRole("admin");
  const t = await getT();
  return (
    <>
      <PageHeader title={t("pages.billing.title")} description={t("pages.billing.description")} />
      <EmptyState icon={<Settings className="size-10" aria-hidden />} title={t("pages.billing.emptyTitle")}>
        <p>{t("pages.billing.emptyBody")}</p>
      </EmptyState>
    </>
  );
}
