"use client";

import { flexRender, type Table } from "@tanstack/react-table";
import { useTranslations } from "use-intl";
import { cn } from "@/lib/utils";
import { DataTablePagination } from "./pagination";
import { useTablePending } from "./table-transition";
import { SelectionBar } from "./selection-bar";
import type { TableSelection } from "./types";
import "./types";

export function DataTable<TData>(props: {
  table: Table<TData>;
  total: number;
  /** `total` is a lower bound: the count stopped there ("more than"). */
  totalIsLowerBound?: boolean;
  caption: string;
  /** Shown in place of rows when the page is empty (no data yet, or nothing matches the filter). */
  empty: React.ReactNode;
  selection?: TableSelection | null;
  onSelectAllMatching?: () => void;
  onClearSelection?: () => void;
  /** Bulk actions for the selection (the invoicing issue adds "Issue invoices" here). */
  selectionActions?: (selection: TableSelection) => React.ReactNode;
  toolbar?: React.ReactNode;
}) {
  const { table, total } = props;
  const t = useTranslations("dataTable");
  const pending = useTablePending();
  const rows = table.getRowModel().rows;
  const pageAllSelected = rows.length > 0 && table.getIsAllPageRowsSelected();

  return (
    <div className="space-y-3">
      {props.toolbar}
      {props.selection && (
        <SelectionBar
          selection={props.selection}
          total={total}
          totalIsLowerBound={props.totalIsLowerBound}
          canSelectAll={pageAllSelected && total > rows.length}
          onSelectAll={props.onSelectAllMatching}
          onClear={props.onClearSelection}
        >
          {props.selectionActions?.(props.selection)}
        </SelectionBar>
      )}
      <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm" aria-busy={pending || undefined}>
        <table className={cn("w-full border-collapse text-sm transition-opacity", pending && "opacity-60")}>
          <caption className="sr-only">{props.caption}</caption>
          <thead className="bg-slate-50 text-left text-xs text-slate-600">
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id} className="border-b border-slate-200">
                {group.headers.map((header) => {
                  const sorted = header.column.getIsSorted();
                  const align = header.column.columnDef.meta?.align;
                  return (
                    <th
                      key={header.id}
                      scope="col"
                      aria-sort={header.column.getCanSort() ? (sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : "none") : undefined}
                      className={cn("whitespace-nowrap px-3 py-2.5 font-medium first:pl-4 last:pr-4", align === "right" && "text-right", header.column.columnDef.meta?.className)}
                    >
                      {header.isPlaceholder ? null : flexRender(header.column.columnDef.header, header.getContext())}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id} data-state={row.getIsSelected() ? "selected" : undefined} className="border-b border-slate-100 last:border-0 hover:bg-slate-50 data-[state=selected]:bg-indigo-50/60">
                {row.getVisibleCells().map((cell) => (
                  <td
                    key={cell.id}
                    className={cn("px-3 py-2.5 align-middle first:pl-4 last:pr-4", cell.column.columnDef.meta?.align === "right" && "text-right tabular-nums", cell.column.columnDef.meta?.className)}
                  >
                    {flexRender(cell.column.columnDef.cell, cell.getContext())}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        {rows.length === 0 && <div className="sticky left-0 px-4 py-14 text-center">{props.empty}</div>}
        {pending && <span className="sr-only" role="status">{t("loading")}</span>}
      </div>
      {total > 0 && <DataTablePagination table={table} total={total} totalIsLowerBound={props.totalIsLowerBound} />}
    </div>
  );
}
