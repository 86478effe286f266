"use client";

import { useEffect, useMemo, useState } from "react";
import {
  getCoreRowModel,
  useReactTable,
  type ColumnDef,
  type RowSelectionState,
  type SortingState,
  type VisibilityState,
} from "@tanstack/react-table";
import { parseAsInteger, parseAsString, parseAsStringLiteral } from "nuqs";
import { parseAsPage, SORT_DIRECTIONS, type SortDirection } from "./parsers";
import { useTableQueryStates } from "./table-transition";
import type { TableSelection } from "./types";
import "./types";

/** Only the defaults are read: the hook parses page, size, sort and dir with the same keys and rules. */
type TableDefaults = {
  page: { defaultValue: number };
  size: { defaultValue: number };
  sort: { defaultValue: string };
  dir: { defaultValue: SortDirection };
};

// Server-side everything: the table only renders the page it is given; paging, sorting and size are
// URL state, so the server page re-renders and Back/Forward restore them.
export function useDataTable<TData>(opts: {
  data: TData[];
  columns: ColumnDef<TData, unknown>[];
  pageCount: number;
  /** Rows matching the filter, across all pages. */
  total: number;
  /** `total` is a lower bound ("more than 100": a text search stops counting there). */
  totalIsLowerBound?: boolean;
  parsers: TableDefaults;
  getRowId: (row: TData) => string;
  /** localStorage key for the column menu's choices. */
  storageKey: string;
  initialHidden?: string[];
  /** Changes whenever the filter changes (not the page): the selection resets with it. */
  filterKey: string;
}) {
  const defaults = opts.parsers;
  const parsers = useMemo(
    () => ({
      page: parseAsPage.withDefault(1),
      size: parseAsInteger.withDefault(defaults.size.defaultValue),
      // The server's parser whitelists the sort; here it only drives the header arrows.
      sort: parseAsString.withDefault(defaults.sort.defaultValue),
      dir: parseAsStringLiteral(SORT_DIRECTIONS).withDefault(defaults.dir.defaultValue),
    }),
    [defaults.size.defaultValue, defaults.sort.defaultValue, defaults.dir.defaultValue],
  );
  const [url, setUrl] = useTableQueryStates(parsers);
  const [rowSelection, setRowSelection] = useState<RowSelectionState>({});
  const [allMatching, setAllMatching] = useState(false);
  const [columnVisibility, setColumnVisibility] = useState<VisibilityState>(() => Object.fromEntries((opts.initialHidden ?? []).map((id) => [id, false])));

  // Selection belongs to one filter; a new filter starts empty (paging keeps it: rows are keyed by id).
  const [selectionFilter, setSelectionFilter] = useState(opts.filterKey);
  if (selectionFilter !== opts.filterKey) {
    setSelectionFilter(opts.filterKey);
    setRowSelection({});
    setAllMatching(false);
  }

  useEffect(() => {
    try {
      const saved = window.localStorage.getItem(opts.storageKey);
      if (saved) setColumnVisibility(JSON.parse(saved) as VisibilityState);
    } catch {
      // A broken or blocked localStorage only costs the remembered column choice.
    }
  }, [opts.storageKey]);

  // A page past the end (an old link, rows removed) shows the last page, as the query does.
  const pageIndex = Math.min(url.page, Math.max(opts.pageCount, 1)) - 1;
  const sorting: SortingState = useMemo(() => [{ id: url.sort, desc: url.dir === "desc" }], [url.sort, url.dir]);

  // The table instance is mutable by design; React Compiler skipping this hook is expected.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data: opts.data,
    columns: opts.columns,
    pageCount: opts.pageCount,
    getRowId: opts.getRowId,
    state: { sorting, rowSelection, columnVisibility, pagination: { pageIndex, pageSize: url.size } },
    manualPagination: true,
    manualSorting: true,
    manualFiltering: true,
    enableSortingRemoval: false,
    enableMultiSort: false,
    getCoreRowModel: getCoreRowModel(),
    onRowSelectionChange: (updater) => {
      setAllMatching(false);
      setRowSelection((old) => (typeof updater === "function" ? updater(old) : updater));
    },
    onColumnVisibilityChange: (updater) =>
      setColumnVisibility((old) => {
        const next = typeof updater === "function" ? updater(old) : updater;
        try {
          window.localStorage.setItem(opts.storageKey, JSON.stringify(next));
        } catch {
          // Not remembered, still applied.
        }
        return next;
      }),
    onSortingChange: (updater) => {
      const next = typeof updater === "function" ? updater(sorting) : updater;
      const first = next[0];
      void setUrl(first ? { sort: first.id, dir: first.desc ? "desc" : "asc", page: 1 } : { sort: null, dir: null, page: 1 });
    },
    onPaginationChange: (updater) => {
      const current = { pageIndex, pageSize: url.size };
      const next = typeof updater === "function" ? updater(current) : updater;
      // The table also reports resets that change nothing: pushing those would add a Back step that does nothing.
      if (next.pageSize === url.size && next.pageIndex === pageIndex) return;
      void setUrl(next.pageSize !== url.size ? { size: next.pageSize, page: 1 } : { page: next.pageIndex + 1 });
    },
  });

  const selectedIds = Object.keys(rowSelection).filter((id) => rowSelection[id]);
  const selection: TableSelection | null = allMatching
    ? { mode: "all", total: opts.total, totalIsLowerBound: opts.totalIsLowerBound }
    : selectedIds.length > 0
      ? { mode: "ids", ids: selectedIds }
      : null;

  return {
    table,
    selection,
    selectAllMatching: () => setAllMatching(true),
    clearSelection: () => {
      setAllMatching(false);
      setRowSelection({});
    },
  };
}
