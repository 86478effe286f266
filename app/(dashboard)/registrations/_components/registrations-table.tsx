"use client";

import { useMemo, useState } from "react";
import dynamic from "next/dynamic";
import Link from "next/link";
import { useLocale, useTranslations } from "use-intl";
import { SearchX } from "lucide-react";
import { InvoiceLiveRefresh } from "@/components/invoices/invoice-live-refresh";
import { DataTable } from "@/components/data-table/data-table";
import { DataTableReset, DataTableSearch, DataTableSelectFilter } from "@/components/data-table/toolbar";
import { useDataTable } from "@/components/data-table/use-data-table";
import { DataTableViewOptions } from "@/components/data-table/view-options";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FILTER_KEYS, INVOICE_FILTER_VALUES, PAYMENT_STATUS_VALUES, REGISTRATION_STATES, registrationsParsers } from "../search-params";
import type { RegistrationFilter } from "@/lib/registrations/schemas";
import { BulkActions } from "./bulk-actions";
import { registrationColumns } from "./columns";
import type { FilterOption, RegistrationRow } from "./types";

// The row actions' dialogs (their forms, react-hook-form and the dialog primitives) load when one first
// opens, not with the table: the table is what every visit needs.
const IssueInvoiceDialog = dynamic(() => import("./issue-invoice-dialog").then((m) => m.IssueInvoiceDialog));
const RecordPaymentDialog = dynamic(() => import("./record-payment-dialog").then((m) => m.RecordPaymentDialog));

export function RegistrationsTable(props: {
  rows: RegistrationRow[];
  total: number;
  /** A text search's count stops at 100: `total` is then "more than". */
  totalIsLowerBound: boolean;
  pageCount: number;
  filterKey: string;
  filtered: boolean;
  canManage: boolean;
  /** Admins and staff: the row's "Issue invoice" control. */
  canIssue: boolean;
  courses: FilterOption[];
  terms: FilterOption[];
  /** The filter behind "select all N matching" (what bulk actions re-apply on the server). */
  filter: RegistrationFilter;
}) {
  const t = useTranslations("registrations");
  const locale = useLocale();
  const troot = useTranslations();
  const [paying, setPaying] = useState<RegistrationRow | null>(null);
  const [issuing, setIssuing] = useState<RegistrationRow | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const tt = t as unknown as (key: string, values?: Record<string, string | number>) => string;
  const ti = troot as unknown as (key: string, values?: Record<string, string | number>) => string;

  const columns = useMemo(
    () =>
      registrationColumns({
        t: tt,
        ti,
        locale,
        selectable: props.canManage,
        rowAction:
          props.canManage || props.canIssue
            ? (row) =>
                row.status === "active" ? (
                  <span className="flex flex-col items-end gap-1.5">
                    {props.canManage && (
                      <Button
                        type="button"
                        size="sm"
                        variant="secondary"
                        className="whitespace-nowrap"
                        onClick={() => {
                          setNotice(null);
                          setPaying(row);
                        }}
                        aria-label={t("recordPaymentFor", { reference: row.reference, participant: row.participantName })}
                      >
                        {t("recordPayment")}
                      </Button>
                    )}
                    {props.canIssue && row.uninvoicedBani > 0 && !row.invoice?.pending && (
                      <Button
                        type="button"
                        size="sm"
                        variant="secondary"
                        className="whitespace-nowrap"
                        onClick={() => {
                          setNotice(null);
                          setIssuing(row);
                        }}
                        aria-label={ti("invoiceIssue.issueFor", { reference: row.reference, participant: row.participantName })}
                      >
                        {ti("invoiceIssue.issue")}
                      </Button>
                    )}
                  </span>
                ) : null
          : undefined,
      }),
    [tt, ti, t, locale, props.canManage, props.canIssue],
  );

  const { table, selection, selectAllMatching, clearSelection } = useDataTable({
    data: props.rows,
    columns,
    pageCount: props.pageCount,
    total: props.total,
    totalIsLowerBound: props.totalIsLowerBound,
    parsers: registrationsParsers,
    getRowId: (r) => r.id,
    storageKey: "bursar.registrations.columns",
    filterKey: props.filterKey,
  });

  const empty = props.filtered ? (
    <div className="flex flex-col items-center gap-2 text-slate-600">
      <SearchX className="size-8 text-slate-400" aria-hidden />
      <p className="font-medium text-slate-900">{t("noResultsTitle")}</p>
      <p className="text-sm">{t("noResultsBody")}</p>
    </div>
  ) : (
    <div className="flex flex-col items-center gap-2 text-slate-600">
      <p className="font-medium text-slate-900">{t("emptyTitle")}</p>
      <p className="max-w-md text-sm">{t("emptyBody")}</p>
      {props.canManage && (
        <Button asChild size="sm" className="mt-2">
          <Link href="/registrations/new">{t("new")}</Link>
        </Button>
      )}
    </div>
  );

  const toolbar = (
    <div className="flex flex-wrap items-center gap-2">
      <DataTableSearch label={t("search")} placeholder={t("searchPlaceholder")} />
      <div className="grid w-full grid-cols-2 gap-2 sm:flex sm:w-auto sm:flex-wrap">
      <DataTableSelectFilter urlKey="course" parser={registrationsParsers.course} label={t("filters.course")} allLabel={t("filters.allCourses")} options={props.courses} />
      <DataTableSelectFilter urlKey="term" parser={registrationsParsers.term} label={t("filters.term")} allLabel={t("filters.allTerms")} options={props.terms} />
      <DataTableSelectFilter
        urlKey="status"
        parser={registrationsParsers.status}
        label={t("filters.status")}
        allLabel={t("filters.allStatuses")}
        options={PAYMENT_STATUS_VALUES.map((s) => ({ value: s, label: t(`paymentStatus.${s}`) }))}
      />
      <DataTableSelectFilter
        urlKey="invoice"
        parser={registrationsParsers.invoice}
        label={t("filters.invoice")}
        allLabel={t("filters.allInvoices")}
        options={INVOICE_FILTER_VALUES.map((s) => ({ value: s, label: t(`filters.invoice_${s}`) }))}
      />
      <DataTableSelectFilter
        urlKey="state"
        parser={registrationsParsers.state}
        label={t("filters.state")}
        allLabel={t("filters.state_active")}
        defaultValue="active"
        options={REGISTRATION_STATES.filter((s) => s !== "active").map((s) => ({ value: s, label: t(`filters.state_${s}`) }))}
      />
      </div>
      <DataTableReset keys={[...FILTER_KEYS]} />
      <div className="ml-auto flex items-center gap-3">
        <p className="text-sm text-slate-600" data-testid="registrations-count" aria-live="polite">
          {props.totalIsLowerBound ? t("countMore", { count: props.total }) : t("count", { count: props.total })}
        </p>
        <DataTableViewOptions table={table} />
      </div>
    </div>
  );

  return (
    <>
      {notice && (
        <Alert tone="success" className="mb-3">
          {notice}
        </Alert>
      )}
      <DataTable
        table={table}
        total={props.total}
        totalIsLowerBound={props.totalIsLowerBound}
        caption={props.totalIsLowerBound ? t("captionMore", { count: props.total }) : t("caption", { count: props.total })}
        empty={empty}
        toolbar={toolbar}
        selection={selection}
        onSelectAllMatching={selectAllMatching}
        onClearSelection={clearSelection}
        selectionActions={(selection) => <BulkActions selection={selection} filter={props.filter} />}
      />
      <InvoiceLiveRefresh active={props.rows.some((r) => r.invoice?.pending)} />
      {issuing && <IssueInvoiceDialog registration={issuing} open onOpenChange={(open) => !open && setIssuing(null)} onIssued={setNotice} />}
      {paying && <RecordPaymentDialog registration={paying} open onOpenChange={(open) => !open && setPaying(null)} onRecorded={setNotice} />}
    </>
  );
}
