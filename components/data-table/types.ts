import type { RowData } from "@tanstack/react-table";

declare module "@tanstack/react-table" {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface ColumnMeta<TData extends RowData, TValue> {
    /** Shown in the header, the column menu and to screen readers. */
    label?: string;
    align?: "left" | "right";
    /** Extra classes for the column's cells, e.g. "hidden md:table-cell" to drop it on a phone. */
    className?: string;
    /** Kept out of the column menu (selection and action columns). */
    fixed?: boolean;
  }
}

/** What the selection bar hands to bulk actions: explicit rows, or every row matching the filter. */
export type TableSelection = { mode: "ids"; ids: string[] } | { mode: "all"; total: number; totalIsLowerBound?: boolean };
