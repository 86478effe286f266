import { randomUUID } from "node:crypto";
import { NextResponse } from "next/server";
import { db } from "@/db";
import { apiError, apiMember, NO_STORE } from "@/lib/auth/api-route";
import { isUuid } from "@/lib/validation/uuid";
import { AppError } from "@/lib/errors";
import { getIssuedInvoicePdf } from "@/lib/invoicing";
import { logError } from "@/lib/log";

// An issued invoice's PDF, fetched from SmartBill by the server (the token never reaches the browser).
// Another school's invoice answers 404 like one that does not exist. A recent copy is served without a
// SmartBill call; each person fetches one PDF from SmartBill at a time (429 + Retry-After past a short wait).
export const dynamic = "force-dynamic";

export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { member, denied } = await apiMember("viewInvoices");
  if (denied) return denied;
  const { id } = await params;
  if (!isUuid(id)) return apiError(404, "invoiceList.pdf.notFound");
  try {
    const result = await getIssuedInvoicePdf(db, member.org.id, id, { userId: member.user.id });
    if (!result.ok && result.reason === "busy") {
      const busy = await apiError(429, "invoiceList.pdf.busy");
      busy.headers.set("retry-after", String(result.retryAfterSec));
      return busy;
    }
    if (!result.ok) return apiError(result.reason === "not_found" ? 404 : 409, `invoiceList.pdf.${result.reason === "not_found" ? "notFound" : "notIssued"}`);
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
    if (e instanceof AppError) return apiError(e.code === "external" ? 502 : 409, e.message, e.detail ? { detail: e.detail } : {});
    const requestId = randomUUID();
    logError("invoices.pdf", e, { requestId });
    return apiError(500, "errors.internal", { requestId });
  }
}
