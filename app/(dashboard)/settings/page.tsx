import { redirect } from "next/navigation";
import { requirePermission } from "@/lib/auth/session";

export default async function SettingsPage() {
  await requirePermission("manageBilling");
  redirect("/settings/billing");
}
