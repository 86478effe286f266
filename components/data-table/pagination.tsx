"use client";

import type { Table } from "@tanstack/react-table";
import { ChevronLeft, ChevronRight, ChevronsLeft, ChevronsRight } from "lucide-react";
import { useFormatter, useTranslations } from "use-intl";
import { Button } from "@/components/ui/button";
import { PAGE_SIZES } from "./parsers";

// With a lower-bound total ("more than 100") the page count is only what is known so far: Next goes
// on while there are more, and there is no known last page to jump to.
export function DataTablePagination<TData>({ table, total, totalIsLowerBound }: { table: Table<TData>; total: number; totalIsLowerBound?: boolean }) {
  const t = useTranslations("dataTable");
  const format = useFormatter();
  const { pageIndex, pageSize } = table.getState().pagination;
  const pageCount = Math.max(table.getPageCount(), 1);
  const from = total === 0 ? 0 : pageIndex * pageSize + 1;
  const to = Math.min(total, (pageIndex + 1) * pageSize);
  const nav = (label: string, Icon: typeof ChevronLeft, disabled: boolean, go: () => void, className?: string) => (
    <Button type="button" variant="secondary" size="sm" className={className ?? "px-2"} aria-label={label} title={label} disabled={disabled} onClick={go}>
      <Icon className="size-4" aria-hidden />
    </Button>
  );
  return (
    <div className="flex flex-wrap items-center justify-between gap-3 px-1 py-3 text-sm text-slate-600">
      <p aria-live="polite">
        {totalIsLowerBound
          ? t("rangeMore", { from: format.number(from), to: format.number(to), total: format.number(total) })
          : t("range", { from: format.number(from), to: format.number(to), total })}
      </p>
      <div className="flex flex-wrap items-center gap-3">
        <label className="flex items-center gap-2">
          <span>{t("rowsPerPage")}</span>
          <select
            className="h-8 rounded-md border border-slate-300 bg-white px-2 text-sm focus:outline-none focus:ring-2 focus:ring-indigo-500/30"
            value={pageSize}
            onChange={(e) => table.setPageSize(Number(e.target.value))}
          >
            {PAGE_SIZES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <span className="tabular-nums">{t(totalIsLowerBound ? "pageOfMore" : "pageOf", { page: pageIndex + 1, count: pageCount })}</span>
        <nav aria-label={t("pagination")} className="flex items-center gap-1">
          {nav(t("firstPage"), ChevronsLeft, pageIndex === 0, () => table.setPageIndex(0), "hidden px-2 sm:inline-flex")}
          {nav(t("previousPage"), ChevronLeft, pageIndex === 0, () => table.previousPage())}
          {nav(t("nextPage"), ChevronRight, pageIndex + 1 >= pageCount, () => table.nextPage())}
          {nav(t("lastPage"), ChevronsRight, totalIsLowerBound || pageIndex + 1 >= pageCount, () => table.setPageIndex(pageCount - 1), "hidden px-2 sm:inline-flex")}
        </nav>
      </div>
    </div>
  );
}
