import { NextResponse } from "next/server";
import { db } from "@/db";
import { apiError, apiMember, NO_STORE } from "@/lib/auth/api-route";
import { isUuid } from "@/lib/validation/uuid";
import { getBatchView } from "@/lib/invoicing";

// The progress view's poll. Another school's batch id answers 404 like one that does not exist.
export const dynamic = "force-dynamic";

export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { member, denied } = await apiMember("viewInvoices");
  if (denied) return denied;
  const { id } = await params;
  const view = isUuid(id) ? await getBatchView(db, member.org.id, id) : null;
  if (!view) return apiError(404, "invoiceBulk.errors.batchNotFound");
  return NextResponse.json(view, { headers: NO_STORE });
}
