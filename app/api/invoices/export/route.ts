import { NextResponse } from "next/server";
import { db } from "@/db";
import { listIssuedInvoices } from "@/db/queries/invoice-list";
import { apiMember, NO_STORE } from "@/lib/auth/api-route";
import { getT } from "@/lib/i18n";
import { buildInvoiceRegisterCsv, REGISTER_COLUMNS } from "@/lib/invoice-list/register-csv";
import { parseInvoiceExportQuery } from "@/lib/invoice-list/schemas";

// The invoice register as CSV (";"-separated, UTF-8 with BOM) for the page's filter, issued invoices only.
export const dynamic = "force-dynamic";

export async function GET(req: Request) {
  const { member, denied } = await apiMember("viewInvoices");
  if (denied) return denied;
  const query = parseInvoiceExportQuery(new URL(req.url).searchParams);
  if (!query.ok) return NextResponse.json({ error: "errors.validation", message: `Bad filter: ${query.error}` }, { status: 400, headers: NO_STORE });
  const f = query.filter;
  const [t, rows] = await Promise.all([getT(), listIssuedInvoices(db, member.org.id, f)]);
  const csv = buildInvoiceRegisterCsv(
    rows,
    REGISTER_COLUMNS.map((c) => t(`invoiceList.csv.${c}`)),
  );
  const name = `invoices_${f.from}_${f.to}${f.series ? `_${f.series.replace(/[^A-Za-z0-9-]/g, "")}` : ""}.csv`;
  return new NextResponse(csv, {
    headers: { ...NO_STORE, "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${name}"` },
  });
}
