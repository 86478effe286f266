import { redirect } from "next/navigation";
import { db } from "@/db";
import { requirePermission } from "@/lib/auth/session";
import { getProgress } from "@/lib/billing/setup-progress";

// Resume where the admin left off.
export default async function SetupPage() {
  const member = await requirePermission("manageBilling");
  const progress = await getProgress(db, member.org.id);
  redirect(`/setup/${progress.finishedAt ? "review" : progress.currentStep}`);
}
