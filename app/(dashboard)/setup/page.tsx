import type { Metadata } from "next";
import { Wand2 } from "lucide-react";
import { EmptyState, PageHeader } from "@/components/ui/card";
import { requireRole } from "@/lib/auth/session";
import { getT } from "@/lib/i18n";

export const metadata: Metadata = { title: "SmartBill setup" };

export default async function Page() {
  await requireRole("admin");
  const t = await getT();
  return (
    <>
      <PageHeader title={t("pages.setup.title")} description={t("pages.setup.description")} />
      <EmptyState icon={<Wand2 className="size-10" aria-hidden />} title={t("pages.setup.emptyTitle")}>
        <p>{t("pages.setup.emptyBody")}</p>
      </EmptyState>
    </>
  );
}
