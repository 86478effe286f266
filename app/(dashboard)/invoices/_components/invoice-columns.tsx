"use client";

import Link from "next/link";
import type { ColumnDef } from "@tanstack/react-table";
import { DataTableColumnHeader } from "@/components/data-table/column-header";
import { InvoiceStatusBadge } from "@/components/invoices/invoice-status-badge";
import { Badge } from "@/components/ui/badge";
import { formatDate, formatMoney } from "@/lib/format";
import type { InvoiceRequestStatus } from "@/lib/invoicing/constants";

export interface InvoiceListItem {
  id: string;
  status: InvoiceRequestStatus;
  /** The issue date (creation until issued), YYYY-MM-DD in Europe/Bucharest. */
  day: string;
  /** "BRS-0024" once issued. */
  number: string | null;
  clientName: string | null;
  clientCif: string | null;
  registrationId: string;
  reference: string;
  participantName: string;
  netBani: number;
  vatBani: number;
  totalBani: number;
  needsStorno: boolean;
  smartBillUrl: string | null;
}

type T = (key: string, values?: Record<string, string | number>) => string;

const link = "font-medium text-indigo-700 underline-offset-4 hover:underline";

// "date" is the one sort (newest first by default); the rest read the page as the server sorted it.
export function invoiceColumns({ t, ti, locale }: { t: T; ti: T; locale: string }): ColumnDef<InvoiceListItem, unknown>[] {
  const money = (id: "net" | "vat" | "total", pick: (r: InvoiceListItem) => number, className?: string): ColumnDef<InvoiceListItem, unknown> => ({
    id,
    enableSorting: false,
    meta: { label: t(`columns.${id}`), align: "right", className },
    header: () => <span>{t(`columns.${id}`)}</span>,
    cell: ({ row }) => <span className="whitespace-nowrap">{formatMoney(pick(row.original), locale)}</span>,
  });
  const status = (r: InvoiceListItem) => (
    <span className="flex flex-wrap items-center gap-1">
      <InvoiceStatusBadge status={r.status} label={ti(`invoicing.status.${r.status}`)} />
      {r.needsStorno && (
        <Badge tone="warning" title={ti("invoiceIssue.badge.needsStornoHint")}>
          {ti("invoiceIssue.badge.needsStorno")}
        </Badge>
      )}
    </span>
  );
  return [
    {
      id: "date",
      accessorKey: "day",
      meta: { label: t("columns.date"), className: "hidden sm:table-cell" },
      header: ({ column }) => <DataTableColumnHeader column={column} title={t("columns.date")} />,
      cell: ({ row }) => <span className="whitespace-nowrap tabular-nums">{formatDate(row.original.day, locale)}</span>,
    },
    {
      id: "number",
      enableSorting: false,
      meta: { label: t("columns.number") },
      header: () => <span>{t("columns.number")}</span>,
      // On a phone this cell also carries the date, the status and the registration (their columns hide).
      cell: ({ row }) => (
        <span className="block">
          <span className="whitespace-nowrap font-mono text-[13px] font-semibold text-slate-900" data-testid="invoice-number">
            {row.original.number ?? "—"}
          </span>
          <span className="block space-y-1 text-xs text-slate-500 sm:hidden">
            <span className="block">{formatDate(row.original.day, locale)}</span>
            {status(row.original)}
            <span className="block">
              <Link href={`/registrations/${row.original.registrationId}`} className="font-mono font-medium text-indigo-700 hover:underline">
                {row.original.reference}
              </Link>{" "}
              · {row.original.participantName}
            </span>
          </span>
        </span>
      ),
    },
    {
      id: "client",
      enableSorting: false,
      meta: { label: t("columns.client"), className: "hidden md:table-cell" },
      header: () => <span>{t("columns.client")}</span>,
      cell: ({ row }) => (
        <span className="block min-w-32">
          <span className="text-slate-900">{row.original.clientName ?? t("row.noClient")}</span>
          {row.original.clientCif && <span className="block text-xs text-slate-500">{t("row.cif", { cif: row.original.clientCif })}</span>}
        </span>
      ),
    },
    {
      id: "registration",
      enableSorting: false,
      meta: { label: t("columns.registration"), className: "hidden sm:table-cell" },
      header: () => <span>{t("columns.registration")}</span>,
      cell: ({ row }) => (
        <span className="block">
          <Link href={`/registrations/${row.original.registrationId}`} className="whitespace-nowrap font-mono text-[13px] font-medium text-indigo-700 hover:underline">
            {row.original.reference}
          </Link>
          <span className="block text-xs text-slate-600">{row.original.participantName}</span>
          <span className="block text-xs text-slate-500 md:hidden">{row.original.clientName}</span>
        </span>
      ),
    },
    money("net", (r) => r.netBani, "hidden lg:table-cell"),
    money("vat", (r) => r.vatBani, "hidden lg:table-cell"),
    money("total", (r) => r.totalBani, "hidden sm:table-cell"),
    {
      id: "status",
      enableSorting: false,
      meta: { label: t("columns.status"), className: "hidden sm:table-cell" },
      header: () => <span>{t("columns.status")}</span>,
      cell: ({ row }) => status(row.original),
    },
    {
      id: "links",
      enableSorting: false,
      enableHiding: false,
      meta: { fixed: true, label: t("columns.links"), align: "right" },
      header: () => <span className="sr-only">{t("columns.links")}</span>,
      cell: ({ row }) => {
        const { number, smartBillUrl, id } = row.original;
        const total = <span className="font-medium tabular-nums text-slate-900 sm:hidden">{formatMoney(row.original.totalBani, locale)}</span>;
        if (row.original.status !== "issued" || !number) return <span className="flex flex-col items-end whitespace-nowrap">{total}</span>;
        return (
          <span className="flex flex-col items-end gap-1 whitespace-nowrap text-sm">
            {total}
            <a href={`/api/invoices/${id}/pdf`} target="_blank" rel="noreferrer" className={link} aria-label={t("row.pdfFor", { number })} data-testid="invoice-pdf">
              {t("row.pdf")}
            </a>
            {smartBillUrl && (
              <a href={smartBillUrl} target="_blank" rel="noreferrer" className={`${link} text-xs`} aria-label={t("row.openInSmartBillFor", { number })}>
                {t("row.openInSmartBill")}
              </a>
            )}
          </span>
        );
      },
    },
  ];
}
