import { randomUUID } from "node:crypto";
import { NextResponse } from "next/server";
import { db } from "@/db";
import { can } from "@/lib/auth/permissions";
import { getCurrentMember } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { getT } from "@/lib/i18n";
import { getIssuedInvoicePdf } from "@/lib/invoicing/invoice-pdf";
import { logError } from "@/lib/log";

// An issued invoice's PDF, fetched from SmartBill by the server (the token never reaches the browser).
// Checks the session, the role and the organisation itself (the proxy does not cover /api): another
// school's invoice answers 404 like one that does not exist.
export const dynamic = "force-dynamic";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const noStore = { "cache-control": "no-store" };

async function failure(status: number, key: string, detail?: string) {
  const t = await getT();
  return NextResponse.json({ error: key, message: t(key as never), ...(detail ? { detail } : {}) }, { status, headers: noStore });
}

export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const member = await getCurrentMember();
  if (!member) return failure(401, "errors.unauthenticated");
  if (!can(member.role, "viewInvoices")) return failure(403, "errors.forbidden");
  const { id } = await params;
  if (!UUID.test(id)) return failure(404, "invoiceList.pdf.notFound");
  try {
    const result = await getIssuedInvoicePdf(db, member.org.id, id);
    if (!result.ok) return failure(result.reason === "not_found" ? 404 : 409, `invoiceList.pdf.${result.reason === "not_found" ? "notFound" : "notIssued"}`);
    const name = result.pdf.filename;
    return new NextResponse(Buffer.from(result.pdf.bytes), {
      headers: {
        ...noStore,
        "content-type": "application/pdf",
        "content-disposition": `inline; filename="${name}"`,
        "content-length": String(result.pdf.bytes.byteLength),
      },
    });
  } catch (e) {
    // SmartBill's refusal (or no connection) as its message key and SmartBill's own text; never a stack.
    if (e instanceof AppError) return failure(e.code === "external" ? 502 : 409, e.message, e.detail);
    const requestId = randomUUID();
    logError("invoices.pdf", e, { requestId });
    const t = await getT();
    return NextResponse.json({ error: "errors.internal", message: t("errors.internal" as never), requestId }, { status: 500, headers: noStore });
  }
}
