import { db } from "@/db";
import { countOutsideInvoices, listOutsideInvoices } from "@/db/queries/outside-invoices";
import { formatDateTime } from "@/lib/format";
import { getLocale, getT } from "@/lib/i18n";

const SHOWN = 50;

// Invoices in the school's series that someone issued directly in SmartBill (no Bursar mark on them), in
// the list's period. Nothing at all when there are none. Bursar never links them; the register leaves them out.
export async function OutsideInvoices({ orgId, from, to }: { orgId: string; from: string; to: string }) {
  const [total, rows] = await Promise.all([countOutsideInvoices(db, orgId, { from, to }), listOutsideInvoices(db, orgId, { from, to, limit: SHOWN })]);
  if (total === 0) return null;
  const [t, locale] = await Promise.all([getT(), getLocale()]);
  return (
    <section aria-labelledby="outside-invoices-heading" data-testid="outside-invoices">
      <h2 id="outside-invoices-heading" className="text-base font-semibold">
        {t("invoiceList.outside.title")}
      </h2>
      <p className="text-sm text-slate-700">{t("invoiceList.outside.summary", { count: total })}</p>
      <p className="mb-3 max-w-3xl text-sm text-slate-600">{t("invoiceList.outside.description")}</p>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
        <table className="w-full border-collapse text-sm">
          <caption className="sr-only">{t("invoiceList.outside.caption")}</caption>
          <thead className="bg-slate-50 text-left text-xs text-slate-600">
            <tr className="border-b border-slate-200">
              <th scope="col" className="px-3 py-2 font-medium">
                {t("invoiceList.outside.number")}
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                {t("invoiceList.outside.seenAt")}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.companyCif}|${r.seriesName}|${r.number}`} className="border-b border-slate-100" data-testid="outside-invoice-row">
                <td className="whitespace-nowrap px-3 py-2 font-medium tabular-nums">{`${r.seriesName}-${r.number}`}</td>
                <td className="whitespace-nowrap px-3 py-2 text-slate-600">{formatDateTime(r.seenAt, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {total > rows.length && <p className="mt-2 text-sm text-slate-600">{t("invoiceList.outside.more", { shown: rows.length, total })}</p>}
    </section>
  );
}
