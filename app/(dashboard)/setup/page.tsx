import { redirect } from "next/navigation";
import { db } from "@/db";
import { requireRole } from "@/lib/auth/session";
import { getProgress } from "@/lib/billing/setup-progress";

// Resume where the admin left off.
export default async function SetupPage() {
  const member = await requireRole("admin");
  const progress = await getProgress(db, member.org.id);
  redirect(`/setup/${progress.finishedAt ? "review" : progress.currentStep}`);
}
