"use client";

import type { ColumnDef } from "@tanstack/react-table";

const box = "size-4 cursor-pointer rounded accent-indigo-600 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500";

/** The checkbox column: "select this page" in the header, one per row (labelled by the row's name). */
export function selectColumn<TData>(labels: { page: string; row: (row: TData) => string }): ColumnDef<TData, unknown> {
  return {
    id: "select",
    enableSorting: false,
    enableHiding: false,
    meta: { fixed: true },
    header: ({ table }) => (
      <input
        type="checkbox"
        className={box}
        aria-label={labels.page}
        disabled={table.getRowModel().rows.length === 0}
        checked={table.getIsAllPageRowsSelected()}
        ref={(el) => {
          if (el) el.indeterminate = table.getIsSomePageRowsSelected() && !table.getIsAllPageRowsSelected();
        }}
        onChange={(e) => table.toggleAllPageRowsSelected(e.target.checked)}
      />
    ),
    cell: ({ row }) => (
      <input type="checkbox" className={box} aria-label={labels.row(row.original)} checked={row.getIsSelected()} onChange={(e) => row.toggleSelected(e.target.checked)} />
    ),
  };
}
