"use client";

import { useLocale, useTranslations } from "use-intl";
import { formatDate, formatMoney } from "@/lib/format";
import type { InvoicePreviewView } from "@/lib/invoicing";
import { cn } from "@/lib/utils";

const pct = (n: number) => String(n).replace(".", ",");

// The preview's body: what SmartBill will receive, laid out like the invoice (buyer, lines, VAT, totals,
// series and its next number). Plain markup with headings and a table, so a screen reader can walk it.
export function IssueInvoicePreview({ preview: p, stale }: { preview: InvoicePreviewView; stale: boolean }) {
  const t = useTranslations("invoiceIssue.dialog");
  const locale = useLocale();
  const money = (bani: number) => formatMoney(bani, locale);
  const vatText =
    p.vatMode === "not_payer" || !p.vat
      ? t("notVatPayer")
      : t(p.vatMode === "payer_included" ? "vatIncluded" : "vatAdded", { name: p.vat.name, percentage: pct(p.vat.percentage) });
  const b = p.buyer;
  const place = [b.address, b.city, b.county, b.country].filter(Boolean).join(", ");
  return (
    <div className={cn("space-y-4 transition-opacity", stale && "opacity-60")} data-testid="invoice-preview">
      <div className="grid gap-4 sm:grid-cols-2">
        <section aria-labelledby="preview-buyer" className="rounded-md border border-slate-200 p-3">
          <h3 id="preview-buyer" className="text-xs font-medium uppercase tracking-wide text-slate-500">
            {t("buyer")} · {t(b.kind)}
          </h3>
          <p className="mt-1 font-medium text-slate-900" data-testid="preview-buyer-name">
            {b.name}
          </p>
          {b.cif && <p className="text-sm text-slate-700">{t("cif", { cif: b.cif })}</p>}
          {b.regCom && <p className="text-sm text-slate-700">{t("regCom", { regCom: b.regCom })}</p>}
          {place && <p className="text-sm text-slate-600">{place}</p>}
          {b.email && <p className="break-all text-sm text-slate-600">{b.email}</p>}
        </section>
        <section aria-labelledby="preview-issuer" className="rounded-md border border-slate-200 p-3">
          <h3 id="preview-issuer" className="text-xs font-medium uppercase tracking-wide text-slate-500">
            {t("issuer")}
          </h3>
          <p className="mt-1 font-medium text-slate-900">{p.issuer.companyName}</p>
          <p className="text-sm text-slate-700">{t("cif", { cif: p.issuer.cif })}</p>
          <dl className="mt-2 text-sm">
            <div className="flex flex-wrap gap-x-2">
              <dt className="text-slate-600">{t("series")}</dt>
              <dd className="font-mono font-medium text-slate-900" data-testid="preview-series">
                {p.seriesName}
              </dd>
            </div>
            <div className="flex flex-wrap gap-x-2">
              <dt className="text-slate-600">{t("nextNumber")}</dt>
              <dd className={cn("font-mono font-medium", p.nextNumber ? "text-slate-900" : "text-amber-800")} data-testid="preview-next-number">
                {p.nextNumber ?? t("nextNumberUnknown")}
              </dd>
            </div>
          </dl>
        </section>
      </div>
      <div className="overflow-x-auto rounded-md border border-slate-200">
        <table className="w-full text-sm">
          <caption className="sr-only">{t("lines")}</caption>
          <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-600">
            <tr>
              <th scope="col" className="px-3 py-2 font-medium">{t("product")}</th>
              <th scope="col" className="px-3 py-2 text-right font-medium">{t("quantity")}</th>
              <th scope="col" className="px-3 py-2 text-right font-medium">{t("unitPrice")}</th>
            </tr>
          </thead>
          <tbody>
            {p.lines.map((l, i) => (
              <tr key={i} className="border-t border-slate-100 align-top">
                <td className="px-3 py-2 text-slate-900">{l.name}</td>
                <td className="whitespace-nowrap px-3 py-2 text-right tabular-nums">
                  {l.quantity} {l.unit}
                </td>
                <td className="whitespace-nowrap px-3 py-2 text-right tabular-nums">{money(l.unitPriceBani)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <dl className="grid grid-cols-[1fr_auto] gap-x-4 gap-y-1 text-sm" data-testid="preview-totals">
        <dt className="text-slate-600">{t("vat")}</dt>
        <dd className="text-right text-slate-900" data-testid="preview-vat">
          {vatText}
        </dd>
        <dt className="text-slate-600">{t("net")}</dt>
        <dd className="text-right tabular-nums" data-testid="preview-net">
          {money(p.totals.netBani)}
        </dd>
        <dt className="text-slate-600">{t("vatAmount")}</dt>
        <dd className="text-right tabular-nums" data-testid="preview-vat-amount">
          {money(p.totals.vatBani)}
        </dd>
        <dt className="font-semibold text-slate-900">{t("total")}</dt>
        <dd className="text-right text-base font-semibold tabular-nums" data-testid="preview-total">
          {money(p.totals.totalBani)}
        </dd>
      </dl>
      <p className="text-sm text-slate-700" data-testid="preview-mentions">
        <span className="text-slate-600">{t("mentions")}</span> {p.mentions ? `${p.mentions} · ` : ""}
        <span className="font-mono">Ref. Bursar …</span> <span className="text-xs text-slate-500">{t("markHint")}</span>
      </p>
      <p className="text-xs text-slate-500">
        {t("totalsHint")} {t("numberHint")}
        {p.issueDate && p.dueDate && <> {t("issueDate", { issueDate: formatDate(p.issueDate, locale), dueDate: formatDate(p.dueDate, locale) })}</>}
      </p>
    </div>
  );
}
