"use client";

import { useMemo } from "react";
import Link from "next/link";
import { useLocale, useTranslations } from "use-intl";
import { Download, SearchX } from "lucide-react";
import { DataTable } from "@/components/data-table/data-table";
import { DataTableReset, DataTableSelectFilter } from "@/components/data-table/toolbar";
import { useDataTable } from "@/components/data-table/use-data-table";
import { Button } from "@/components/ui/button";
import { INVOICE_FILTER_KEYS } from "@/lib/invoice-list/filter";
import { invoicesParsers } from "../search-params";
import { invoiceColumns, type InvoiceListItem } from "./invoice-columns";
import { InvoiceDateRange, InvoiceStatusFilter } from "./invoice-filters";

type Option = { value: string; label: string };

export function InvoicesTable(props: {
  rows: InvoiceListItem[];
  total: number;
  pageCount: number;
  filterKey: string;
  /** The school has invoice requests, just none in this filter. */
  filtered: boolean;
  /** The filter's dates as the server resolved them (the current month when the URL has none). */
  from: string;
  to: string;
  series: Option[];
  profiles: Option[];
  exportHref: string;
  canIssue: boolean;
}) {
  const t = useTranslations("invoiceList");
  const troot = useTranslations();
  const locale = useLocale();
  const tt = t as unknown as (key: string, values?: Record<string, string | number>) => string;
  const ti = troot as unknown as (key: string, values?: Record<string, string | number>) => string;
  const columns = useMemo(() => invoiceColumns({ t: tt, ti, locale }), [tt, ti, locale]);

  const { table } = useDataTable({
    data: props.rows,
    columns,
    pageCount: props.pageCount,
    total: props.total,
    parsers: invoicesParsers,
    getRowId: (r) => r.id,
    storageKey: "bursar.invoices.columns",
    filterKey: props.filterKey,
  });

  const empty = props.filtered ? (
    <div className="flex flex-col items-center gap-2 text-slate-600" data-testid="invoices-no-results">
      <SearchX className="size-8 text-slate-400" aria-hidden />
      <p className="font-medium text-slate-900">{t("noResultsTitle")}</p>
      <p className="text-sm">{t("noResultsBody")}</p>
    </div>
  ) : (
    <div className="flex flex-col items-center gap-2 text-slate-600" data-testid="invoices-empty">
      <h2 className="font-medium text-slate-900">{t("emptyTitle")}</h2>
      <p className="max-w-md text-sm">{props.canIssue ? t("emptyBody") : t("emptyBodyViewer")}</p>
      {props.canIssue && (
        <Button asChild size="sm" className="mt-2">
          <Link href="/registrations">{t("goToRegistrations")}</Link>
        </Button>
      )}
    </div>
  );

  const toolbar = (
    <div className="flex flex-wrap items-end gap-2">
      <InvoiceDateRange from={props.from} to={props.to} />
      <div className="grid w-full grid-cols-2 gap-2 sm:flex sm:w-auto sm:flex-wrap">
        <InvoiceStatusFilter />
        {props.series.length > 1 && (
          <DataTableSelectFilter urlKey="series" parser={invoicesParsers.series} label={t("filters.series")} allLabel={t("filters.allSeries")} options={props.series} />
        )}
        {props.profiles.length > 1 && (
          <DataTableSelectFilter urlKey="profile" parser={invoicesParsers.profile} label={t("filters.profile")} allLabel={t("filters.allProfiles")} options={props.profiles} />
        )}
      </div>
      <DataTableReset keys={[...INVOICE_FILTER_KEYS]} />
      <div className="ml-auto flex items-center gap-3">
        <p className="text-sm text-slate-600" data-testid="invoices-count" aria-live="polite">
          {t("count", { count: props.total })}
        </p>
        <Button asChild variant="secondary" size="md">
          <a href={props.exportHref} download title={t("exportHint")}>
            <Download className="size-4" aria-hidden />
            {t("exportCsv")}
          </a>
        </Button>
      </div>
    </div>
  );

  return <DataTable table={table} total={props.total} caption={t("caption", { count: props.total })} empty={empty} toolbar={toolbar} />;
}
