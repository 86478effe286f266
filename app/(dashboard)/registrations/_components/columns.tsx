"use client";

import Link from "next/link";
import type { ColumnDef } from "@tanstack/react-table";
import { DataTableColumnHeader } from "@/components/data-table/column-header";
import { selectColumn } from "@/components/data-table/select-column";
import { InvoiceStatusBadge } from "@/components/invoices/invoice-status-badge";
import { Badge } from "@/components/ui/badge";
import { formatMoney } from "@/lib/format";
import { cn } from "@/lib/utils";
import { PaymentStatusBadge } from "./payment-status-badge";
import type { RegistrationRow } from "./types";

type T = (key: string, values?: Record<string, string | number>) => string;

// Column ids are the whitelisted sort keys (search-params.ts), so a header click writes a valid URL.
export function registrationColumns(opts: {
  t: T;
  /** The `invoicing` and `invoiceIssue` namespaces' translator (root keys). */
  ti: T;
  locale: string;
  selectable: boolean;
  rowAction?: (row: RegistrationRow) => React.ReactNode;
}): ColumnDef<RegistrationRow, unknown>[] {
  const { t, ti, locale } = opts;
  const money = (id: "price" | "paid" | "balance", pick: (r: RegistrationRow) => number): ColumnDef<RegistrationRow, unknown> => ({
    id,
    accessorFn: pick,
    // The balance is what matters; price and paid come back on wide screens (the invoice column needs the room).
    meta: { label: t(`columns.${id}`), align: "right", className: id === "balance" ? undefined : "hidden 2xl:table-cell" },
    header: ({ column }) => <DataTableColumnHeader column={column} title={t(`columns.${id}`)} />,
    cell: ({ row }) => {
      const v = pick(row.original);
      return <span className={cn("whitespace-nowrap", id === "balance" && v < 0 && "text-violet-700", id === "balance" && v > 0 && "text-slate-900")}>{formatMoney(v, locale)}</span>;
    },
  });
  const cols: ColumnDef<RegistrationRow, unknown>[] = [
    {
      id: "reference",
      accessorKey: "reference",
      meta: { label: t("columns.reference") },
      header: ({ column }) => <DataTableColumnHeader column={column} title={t("columns.reference")} />,
      cell: ({ row }) => (
        <Link href={`/registrations/${row.original.id}`} className="whitespace-nowrap font-mono text-[13px] font-medium text-indigo-700 hover:underline">
          {row.original.reference}
        </Link>
      ),
    },
    {
      id: "participant",
      accessorKey: "participantName",
      meta: { label: t("columns.participant") },
      header: ({ column }) => <DataTableColumnHeader column={column} title={t("columns.participant")} />,
      cell: ({ row }) => (
        <span className="block min-w-32">
          <span className="flex flex-wrap items-center gap-x-2 gap-y-1">
            <span className="font-medium text-slate-900">{row.original.participantName}</span>
            {row.original.status === "cancelled" && <Badge tone="neutral">{t("cancelledBadge")}</Badge>}
          </span>
          {/* Client (own column on wide screens) and course (from md up) sit under the name otherwise. */}
          <span className="block text-xs text-slate-500 2xl:hidden">
            {row.original.clientName}
            <span className="md:hidden"> · {row.original.courseName}</span>
          </span>
        </span>
      ),
    },
    {
      id: "client",
      accessorKey: "clientName",
      meta: { label: t("columns.client"), className: "hidden 2xl:table-cell" },
      header: ({ column }) => <DataTableColumnHeader column={column} title={t("columns.client")} />,
      cell: ({ row }) => (
        <Link href={`/clients/${row.original.clientId}`} className="text-slate-700 hover:text-indigo-700 hover:underline">
          {row.original.clientName}
        </Link>
      ),
    },
    {
      id: "course",
      accessorKey: "courseName",
      meta: { label: t("columns.course"), className: "hidden md:table-cell" },
      header: ({ column }) => <DataTableColumnHeader column={column} title={t("columns.course")} />,
      cell: ({ row }) => <span className="text-slate-700">{row.original.courseName}</span>,
    },
    money("price", (r) => r.priceBani),
    money("paid", (r) => r.paidBani),
    money("balance", (r) => r.balanceBani),
    {
      id: "status",
      accessorKey: "paymentStatus",
      meta: { label: t("columns.status") },
      header: ({ column }) => <DataTableColumnHeader column={column} title={t("columns.status")} />,
      cell: ({ row }) => <PaymentStatusBadge status={row.original.paymentStatus} label={t(`paymentStatus.${row.original.paymentStatus}`)} />,
    },
    {
      // Not sortable: it comes from the page's rows (one query), not from the list query.
      id: "invoice",
      enableSorting: false,
      meta: { label: ti("invoiceIssue.column") },
      header: () => <span>{ti("invoiceIssue.column")}</span>,
      cell: ({ row }) => {
        const inv = row.original.invoice;
        if (!inv) return <span className="text-slate-400">—<span className="sr-only">{ti("invoiceIssue.badge.none")}</span></span>;
        return (
          <span className="flex flex-wrap items-center gap-1">
            <InvoiceStatusBadge status={inv.status} label={ti(`invoicing.status.${inv.status}`)} number={inv.number} />
            {inv.needsStorno && (
              <Badge tone="warning" title={ti("invoiceIssue.badge.needsStornoHint")}>
                {ti("invoiceIssue.badge.needsStorno")}
              </Badge>
            )}
          </span>
        );
      },
    },
  ];
  if (opts.rowAction) {
    const action = opts.rowAction;
    cols.push({
      id: "actions",
      enableSorting: false,
      enableHiding: false,
      meta: { fixed: true, label: t("columns.actions"), align: "right" },
      header: () => <span className="sr-only">{t("columns.actions")}</span>,
      cell: ({ row }) => action(row.original),
    });
  }
  if (opts.selectable) {
    cols.unshift(selectColumn<RegistrationRow>({ page: t("selectPage"), row: (r) => t("selectRow", { reference: r.reference, participant: r.participantName }) }));
  }
  return cols;
}
