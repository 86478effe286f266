import { NextResponse } from "next/server";
import { db } from "@/db";
import { can } from "@/lib/auth/permissions";
import { getCurrentMember } from "@/lib/auth/session";
import { getBatchView } from "@/lib/invoicing/batch-view";

// The progress view's poll. Checks the session, the role and the organisation itself (the proxy does not
// cover /api): another school's batch id answers 404 like one that does not exist.
export const dynamic = "force-dynamic";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const noStore = { "cache-control": "no-store" };

export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const member = await getCurrentMember();
  if (!member) return NextResponse.json({ error: "errors.unauthenticated" }, { status: 401, headers: noStore });
  if (!can(member.role, "viewInvoices")) return NextResponse.json({ error: "errors.forbidden" }, { status: 403, headers: noStore });
  const { id } = await params;
  const view = UUID.test(id) ? await getBatchView(db, member.org.id, id) : null;
  if (!view) return NextResponse.json({ error: "invoiceBulk.errors.batchNotFound" }, { status: 404, headers: noStore });
  return NextResponse.json(view, { headers: noStore });
}
