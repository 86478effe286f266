import { NextResponse } from "next/server";
import { db } from "@/db";
import { apiMember, NO_STORE } from "@/lib/auth/api-route";
import { listImportRuns } from "@/lib/registrations/import/import-run-view";

// The import screen's poll: the school's waiting and running imports and its latest results.
export const dynamic = "force-dynamic";

export async function GET() {
  const { member, denied } = await apiMember("manageRegistrations");
  if (denied) return denied;
  return NextResponse.json({ runs: await listImportRuns(db, member.org.id) }, { headers: NO_STORE });
}
