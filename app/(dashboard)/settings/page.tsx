import { redirect } from "next/navigation";
import { requireRole } from "@/lib/auth/session";

export default async function SettingsPage() {
  await requireRole("admin");
  redirect("/settings/billing");
}
