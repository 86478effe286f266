"use client";

import { useTranslations } from "use-intl";
import { parseAsPage } from "@/components/data-table/parsers";
import { useTableQueryStates } from "@/components/data-table/table-transition";
import { INVOICE_LIST_STATUSES } from "@/lib/invoice-list/filter";
import { cn } from "@/lib/utils";
import { invoicesParsers } from "../search-params";

const control = "h-10 w-full rounded-md border border-slate-300 bg-white px-3 text-sm shadow-sm focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/30";

/** Issued between two calendar days; the server's resolved month shows when the URL has none. */
export function InvoiceDateRange({ from, to }: { from: string; to: string }) {
  const t = useTranslations("invoiceList.filters");
  const [, setUrl] = useTableQueryStates({ from: invoicesParsers.from, to: invoicesParsers.to, page: parseAsPage });
  const field = (key: "from" | "to", value: string) => (
    <label className="flex min-w-0 flex-1 flex-col gap-1 text-xs font-medium text-slate-600 sm:flex-none">
      {t(key)}
      <input
        type="date"
        className={cn(control, "sm:w-40")}
        value={value}
        // Both ends go to the URL together, so Back restores the range as it was shown.
        onChange={(e) => {
          if (!e.target.value) return;
          void setUrl({ from, to, [key]: e.target.value, page: null });
        }}
      />
    </label>
  );
  return (
    <div className="flex w-full gap-2 sm:w-auto">
      {field("from", from)}
      {field("to", to)}
    </div>
  );
}

/** Issued by default; "all" and every other status are explicit choices. */
export function InvoiceStatusFilter() {
  const t = useTranslations("invoiceList.filters");
  const ti = useTranslations("invoicing.status");
  const [url, setUrl] = useTableQueryStates({ status: invoicesParsers.status, page: parseAsPage });
  return (
    <label className="flex min-w-0 flex-col text-xs font-medium text-slate-600">
      <span className="sr-only">{t("status")}</span>
      <select
        aria-label={t("status")}
        className={cn(control, "truncate sm:w-auto sm:max-w-56", url.status !== "issued" && "border-indigo-400 bg-indigo-50/40")}
        value={url.status}
        onChange={(e) => void setUrl({ status: e.target.value === "issued" ? null : (e.target.value as (typeof INVOICE_LIST_STATUSES)[number]), page: null })}
      >
        {INVOICE_LIST_STATUSES.map((s) => (
          <option key={s} value={s}>
            {s === "all" ? t("allStatuses") : ti(s)}
          </option>
        ))}
      </select>
    </label>
  );
}
