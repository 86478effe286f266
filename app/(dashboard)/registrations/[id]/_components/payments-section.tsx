import { Badge } from "@/components/ui/badge";
import { db } from "@/db";
import { listPayments } from "@/db/queries/payments";
import { formatDate, formatMoney } from "@/lib/format";
import { getLocale, getT } from "@/lib/i18n";
import { cn } from "@/lib/utils";
import { VoidPaymentButton } from "./void-payment-button";

// Voided payments stay listed, struck through with their reason: nothing is ever deleted.
export async function PaymentsSection({ orgId, registrationId, canManage }: { orgId: string; registrationId: string; canManage: boolean }) {
  const [t, locale, rows] = await Promise.all([getT(), getLocale(), listPayments(db, orgId, registrationId)]);
  const d = (key: string) => t(`registrations.detail.${key}` as never);
  return (
    <section aria-labelledby="payments-heading">
      <h2 id="payments-heading" className="mb-3 text-base font-semibold">
        {d("payments")}
      </h2>
      {rows.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-5 text-sm text-slate-600">{d("noPayments")}</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
          <table className="w-full text-sm" data-testid="payments-table">
            <caption className="sr-only">{d("payments")}</caption>
            <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-600">
              <tr className="border-b border-slate-200">
                <th scope="col" className="px-4 py-2.5 font-medium">{d("paymentDate")}</th>
                <th scope="col" className="px-3 py-2.5 text-right font-medium">{d("paymentAmount")}</th>
                <th scope="col" className="px-3 py-2.5 font-medium">{d("paymentMethod")}</th>
                <th scope="col" className="hidden px-3 py-2.5 font-medium sm:table-cell">{d("paymentBy")}</th>
                <th scope="col" className="px-4 py-2.5 text-right font-medium">
                  <span className="sr-only">{t("registrations.columns.actions")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map(({ payment: p, recordedByName }) => {
                const amount = formatMoney(p.amountBani, locale);
                const date = formatDate(p.paidOn, locale);
                const voided = !!p.voidedAt;
                return (
                  <tr key={p.id} className={cn("border-b border-slate-100 align-top last:border-0", voided && "bg-slate-50 text-slate-500")}>
                    <td className="whitespace-nowrap px-4 py-2.5">{date}</td>
                    <td className={cn("whitespace-nowrap px-3 py-2.5 text-right tabular-nums", voided && "line-through")}>{amount}</td>
                    <td className="px-3 py-2.5">
                      {t(`registrations.payment.methods.${p.method}`)}
                      {p.source !== "manual" && <span className="block text-xs text-slate-500">{t(`registrations.payment.sources.${p.source}`)}</span>}
                      {p.note && <span className="block text-xs text-slate-600">{p.note}</span>}
                      {voided && (
                        <span className="mt-1 block">
                          <Badge tone="neutral">{d("voided")}</Badge>
                          <span className="ml-1 text-xs">{t("registrations.detail.voidedInfo", { reason: p.voidReason ?? "" })}</span>
                        </span>
                      )}
                    </td>
                    <td className="hidden px-3 py-2.5 sm:table-cell">{recordedByName ?? t("registrations.detail.system")}</td>
                    <td className="px-4 py-2.5 text-right">{canManage && !voided && <VoidPaymentButton paymentId={p.id} amount={amount} date={date} />}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
