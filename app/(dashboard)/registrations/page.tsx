import type { Metadata } from "next";
import { ClipboardList } from "lucide-react";
import { EmptyState, PageHeader } from "@/components/ui/card";
import { requirePermission } from "@/lib/auth/session";
import { getT } from "@/lib/i18n";

export const metadata: Metadata = { title: "Registrations" };

export default async function Page() {
  await requirePermission("manageRegistrations");
  const t = await getT();
  return (
    <>
      <PageHeader title={t("pages.registrations.title")} description={t("pages.registrations.description")} />
      <EmptyState icon={<ClipboardList className="size-10" aria-hidden />} title={t("pages.registrations.emptyTitle")}>
        <p>{t("pages.registrations.emptyBody")}</p>
      </EmptyState>
    </>
  );
}
