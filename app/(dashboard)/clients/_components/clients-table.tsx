"use client";

import { useMemo } from "react";
import Link from "next/link";
import type { ColumnDef } from "@tanstack/react-table";
import { SearchX } from "lucide-react";
import { useTranslations } from "use-intl";
import { DataTableColumnHeader } from "@/components/data-table/column-header";
import { DataTable } from "@/components/data-table/data-table";
import { DataTableSearch } from "@/components/data-table/toolbar";
import { useDataTable } from "@/components/data-table/use-data-table";
import { Badge } from "@/components/ui/badge";
import { clientsParsers } from "../search-params";

export interface ClientRow {
  id: string;
  name: string;
  buyerType: "person" | "company";
  companyName: string | null;
  email: string | null;
  phone: string | null;
  city: string | null;
}

export function ClientsTable({ rows, total, pageCount, q }: { rows: ClientRow[]; total: number; pageCount: number; q: string }) {
  const t = useTranslations("clients");
  const columns = useMemo<ColumnDef<ClientRow, unknown>[]>(
    () => [
      {
        id: "name",
        accessorKey: "name",
        enableHiding: false,
        meta: { label: t("columns.name") },
        header: ({ column }) => <DataTableColumnHeader column={column} title={t("columns.name")} />,
        cell: ({ row }) => (
          <Link href={`/clients/${row.original.id}`} className="font-medium text-indigo-700 hover:underline">
            {row.original.name}
            {row.original.companyName && <span className="block text-xs font-normal text-slate-600">{row.original.companyName}</span>}
          </Link>
        ),
      },
      {
        id: "type",
        enableSorting: false,
        meta: { label: t("columns.type") },
        header: () => t("columns.type"),
        cell: ({ row }) => <Badge tone={row.original.buyerType === "company" ? "accent" : "neutral"}>{t(`buyerType.${row.original.buyerType}`)}</Badge>,
      },
      { id: "email", enableSorting: false, meta: { label: t("columns.email") }, header: () => t("columns.email"), cell: ({ row }) => row.original.email ?? "" },
      { id: "phone", enableSorting: false, meta: { label: t("columns.phone") }, header: () => t("columns.phone"), cell: ({ row }) => <span className="whitespace-nowrap">{row.original.phone ?? ""}</span> },
      { id: "city", enableSorting: false, meta: { label: t("columns.city") }, header: () => t("columns.city"), cell: ({ row }) => row.original.city ?? "" },
    ],
    [t],
  );
  const { table } = useDataTable({ data: rows, columns, pageCount, total, parsers: clientsParsers, getRowId: (r) => r.id, storageKey: "bursar.clients.columns", filterKey: q });
  const empty = q ? (
    <div className="flex flex-col items-center gap-2 text-slate-600">
      <SearchX className="size-8 text-slate-400" aria-hidden />
      <p className="font-medium text-slate-900">{t("noResultsTitle")}</p>
      <p className="text-sm">{t("noResultsBody")}</p>
    </div>
  ) : (
    <div className="text-slate-600">
      <p className="font-medium text-slate-900">{t("emptyTitle")}</p>
      <p className="text-sm">{t("emptyBody")}</p>
    </div>
  );
  return (
    <DataTable
      table={table}
      total={total}
      caption={t("caption")}
      empty={empty}
      toolbar={
        <div className="flex flex-wrap items-center gap-2">
          <DataTableSearch label={t("search")} placeholder={t("searchPlaceholder")} />
          <p className="ml-auto text-sm text-slate-600" aria-live="polite">
            {t("count", { count: total })}
          </p>
        </div>
      }
    />
  );
}
