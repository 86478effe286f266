import { randomUUID } from "node:crypto";
import { NextResponse } from "next/server";
import { db } from "@/db";
import { apiErrorPage, apiMember, NO_STORE } from "@/lib/auth/api-route";
import { isUuid } from "@/lib/validation/uuid";
import { AppError } from "@/lib/errors";
import { getIssuedInvoicePdf } from "@/lib/invoicing";
import { logError } from "@/lib/log";

// An issued invoice's PDF, fetched from SmartBill by the server (the token never reaches the browser).
// Another school's invoice answers 404 like one that does not exist. A recent copy is served without a
// SmartBill call; each person fetches one PDF from SmartBill at a time (429 + Retry-After past a short wait).
export const dynamic = "force-dynamic";

export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { member, denied } = await apiMember("viewInvoices");
  if (denied) return denied;
  const { id } = await params;
  if (!isUuid(id)) return apiErrorPage(req, 404, "invoiceList.pdf.notFound");
  try {
    const result = await getIssuedInvoicePdf(db, member.org.id, id, { userId: member.user.id });
    // The person's previous PDF is still coming from SmartBill: a tab opened meanwhile tries again by itself.
    if (!result.ok && result.reason === "busy") return apiErrorPage(req, 429, "invoiceList.pdf.busy", { retryAfterSec: result.retryAfterSec });
    if (!result.ok) return apiErrorPage(req, result.reason === "not_found" ? 404 : 409, `invoiceList.pdf.${result.reason === "not_found" ? "notFound" : "notIssued"}`);
    const name = result.pdf.filename;
    return new NextResponse(Buffer.from(result.pdf.bytes), {
      headers: {
        ...NO_STORE,
        "content-type": "application/pdf",
        "content-disposition": `inline; filename="${name}"`,
        "content-length": String(result.pdf.bytes.byteLength),
      },
    });
  } catch (e) {
    // SmartBill's refusal (or no connection) as its message key and SmartBill's own text; never a stack.
    if (e instanceof AppError) return apiErrorPage(req, e.code === "external" ? 502 : 409, e.message, e.detail ? { detail: e.detail } : {});
    const requestId = randomUUID();
    logError("invoices.pdf", e, { requestId });
    return apiErrorPage(req, 500, "errors.internal", { detail: requestId });
  }
}
