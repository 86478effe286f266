import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/card";
import { requireUser } from "@/lib/auth/session";
import { getT } from "@/lib/i18n";
import { ChangePasswordForm } from "./change-password-form";

export const metadata: Metadata = { title: "Your account" };

export default async function AccountPage() {
  await requireUser();
  const t = await getT();
  return (
    <div className="max-w-md">
      <PageHeader title={t("auth.password.title")} description={t("auth.password.intro")} />
      <ChangePasswordForm />
    </div>
  );
}
