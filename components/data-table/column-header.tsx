"use client";

import type { Column } from "@tanstack/react-table";
import { ArrowDown, ArrowUp, ArrowUpDown } from "lucide-react";
import { useTranslations } from "use-intl";
import { cn } from "@/lib/utils";

// A sortable header is a button; the <th> carries aria-sort (set by DataTable) so screen readers
// announce the current order.
export function DataTableColumnHeader<TData, TValue>({ column, title, className }: { column: Column<TData, TValue>; title: string; className?: string }) {
  const t = useTranslations("dataTable");
  if (!column.getCanSort()) return <span className={className}>{title}</span>;
  const sorted = column.getIsSorted();
  const Icon = sorted === "asc" ? ArrowUp : sorted === "desc" ? ArrowDown : ArrowUpDown;
  const next = sorted === "asc" ? "desc" : "asc";
  return (
    <button
      type="button"
      onClick={() => column.toggleSorting(next === "desc")}
      className={cn(
        "-mx-2 inline-flex items-center gap-1 rounded px-2 py-1 font-medium hover:bg-slate-100 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500",
        sorted && "text-slate-900",
        className,
      )}
      aria-label={t(next === "asc" ? "sortAscending" : "sortDescending", { column: title })}
    >
      {title}
      <Icon className={cn("size-3.5", sorted ? "text-indigo-700" : "text-slate-400")} aria-hidden />
    </button>
  );
}
