import type { VatTotal } from "@/db/queries/invoice-list";
import { formatMoney } from "@/lib/format";
import { getLocale, getT } from "@/lib/i18n";
import { percentText } from "@/lib/invoice-list/register-csv";

// The issued invoices of the filter per VAT level, and the grand total (integer bani, summed in SQL).
export async function VatTotals({ totals }: { totals: VatTotal[] }) {
  const [t, locale] = await Promise.all([getT(), getLocale()]);
  const s = (key: string) => t(`invoiceList.totals.${key}` as never);
  const grand = totals.reduce((g, r) => ({ count: g.count + r.count, netBani: g.netBani + r.netBani, vatBani: g.vatBani + r.vatBani, totalBani: g.totalBani + r.totalBani }), {
    count: 0,
    netBani: 0,
    vatBani: 0,
    totalBani: 0,
  });
  const cell = "px-3 py-2 text-right tabular-nums whitespace-nowrap";
  return (
    <section aria-labelledby="vat-totals-heading" data-testid="vat-totals">
      <h2 id="vat-totals-heading" className="text-base font-semibold">
        {s("title")}
      </h2>
      <p className="mb-3 text-sm text-slate-600">{s("description")}</p>
      {totals.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-4 text-sm text-slate-600">{s("none")}</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
          <table className="w-full border-collapse text-sm">
            <thead className="bg-slate-50 text-left text-xs text-slate-600">
              <tr className="border-b border-slate-200">
                <th scope="col" className="px-3 py-2 font-medium">{s("level")}</th>
                <th scope="col" className="px-3 py-2 text-right font-medium">{s("count")}</th>
                <th scope="col" className="px-3 py-2 text-right font-medium">{s("net")}</th>
                <th scope="col" className="px-3 py-2 text-right font-medium">{s("vat")}</th>
                <th scope="col" className="px-3 py-2 text-right font-medium">{s("total")}</th>
              </tr>
            </thead>
            <tbody>
              {totals.map((r) => (
                <tr key={`${r.vatName}|${r.vatPercent}`} className="border-b border-slate-100" data-testid="vat-total-row">
                  <th scope="row" className="px-3 py-2 text-left font-normal">
                    {r.vatName ? `${r.vatName} ${percentText(r.vatPercent).replace(".", locale === "ro" ? "," : ".")}%` : s("noVat")}
                  </th>
                  <td className={cell}>{r.count}</td>
                  <td className={cell}>{formatMoney(r.netBani, locale)}</td>
                  <td className={cell}>{formatMoney(r.vatBani, locale)}</td>
                  <td className={cell}>{formatMoney(r.totalBani, locale)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr className="bg-slate-50 font-semibold" data-testid="vat-grand-total">
                <th scope="row" className="px-3 py-2 text-left">{s("grandTotal")}</th>
                <td className={cell}>{grand.count}</td>
                <td className={cell}>{formatMoney(grand.netBani, locale)}</td>
                <td className={cell}>{formatMoney(grand.vatBani, locale)}</td>
                <td className={cell}>{formatMoney(grand.totalBani, locale)}</td>
              </tr>
            </tfoot>
          </table>
        </div>
      )}
      <p className="mt-3 text-xs text-slate-500">{t("invoiceList.notSynced")}</p>
    </section>
  );
}
