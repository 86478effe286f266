import Link from "next/link";
import { FileText } from "lucide-react";
import { InvoiceLiveRefresh } from "@/components/invoices/invoice-live-refresh";
import { expectedInvoiceNumber, InvoiceStatusBadge, invoiceNumber } from "@/components/invoices/invoice-status-badge";
import { Badge } from "@/components/ui/badge";
import { db } from "@/db";
import { listRegistrationInvoices } from "@/db/queries/invoices";
import { listMemberNames } from "@/db/queries/member-names";
import { formatDateTime, formatMoney } from "@/lib/format";
import { getLocale, getT } from "@/lib/i18n";
import { failureOfType } from "@/lib/invoicing";
import { COUNTED_STATUSES } from "@/lib/invoicing/constants";
import { IssueInvoiceButton } from "./issue-invoice-button";

type Props = {
  orgId: string;
  registration: { id: string; reference: string; participantName: string; priceBani: number; active: boolean; clientId: string };
  canIssue: boolean;
  /** Admins: the setup pages a failure links to are theirs. */
  canFixSettings: boolean;
};

// Every invoice request of the registration, newest first: what SmartBill made (series-number, links),
// what failed and how to fix it, what is still on its way (followed live).
export async function InvoicesSection({ orgId, registration: r, canIssue, canFixSettings }: Props) {
  const [t, locale, requests] = await Promise.all([getT(), getLocale(), listRegistrationInvoices(db, orgId, r.id)]);
  const names = await listMemberNames(db, orgId, requests.map((q) => q.createdBy));
  const s = (key: string, values?: Record<string, string>) => t(`invoiceIssue.section.${key}` as never, values as never);
  const invoiced = requests.filter((q) => COUNTED_STATUSES.includes(q.status)).reduce((sum, q) => sum + q.amountBani, 0);
  const pending = requests.some((q) => q.status === "queued" || q.status === "issuing");
  const canIssueNow = canIssue && r.active && r.priceBani - invoiced > 0 && !pending;
  return (
    <section aria-labelledby="invoices-heading" data-testid="invoices-section">
      <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
        <h2 id="invoices-heading" className="text-base font-semibold">
          {t("registrations.detail.invoices")}
        </h2>
        {canIssueNow && <IssueInvoiceButton registration={{ id: r.id, reference: r.reference, participantName: r.participantName }} />}
      </div>
      <InvoiceLiveRefresh active={pending} />
      {requests.length === 0 ? (
        <div className="flex items-start gap-3 rounded-lg border border-dashed border-slate-300 bg-white p-5 text-sm text-slate-600">
          <FileText className="mt-0.5 size-5 shrink-0 text-slate-400" aria-hidden />
          <p>{canIssue && r.active ? s("emptyCanIssue") : s("empty")}</p>
        </div>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white shadow-sm">
          {requests.map((q) => {
            const number = invoiceNumber(q.issuedSeries, q.issuedNumber);
            const kind = q.kind === "automatic" ? `automatic_${q.trigger}` : q.kind;
            const by = q.createdBy ? (names.get(q.createdBy) ?? s("formerMember")) : s("system");
            const failure = q.status === "failed" && q.failureType ? failureOfType(q.failureType, r.clientId) : null;
            const fixLink = failure?.settingsLink && (canFixSettings || failure.type === "buyer_data") ? failure.settingsLink : null;
            return (
              <li key={q.id} className="space-y-2 p-4 text-sm" data-testid="invoice-request" data-status={q.status}>
                <div className="flex flex-wrap items-center gap-2">
                  <InvoiceStatusBadge status={q.status} label={t(`invoicing.status.${q.status}`)} />
                  {number && (
                    <span className="font-mono font-semibold text-slate-900" data-testid="invoice-number">
                      {s("number", { number })}
                    </span>
                  )}
                  {q.needsStorno && <Badge tone="warning">{t("invoiceIssue.badge.needsStorno")}</Badge>}
                  <span className="ml-auto font-medium tabular-nums text-slate-900">{formatMoney(q.totalBani, locale)}</span>
                </div>
                <p className="text-xs text-slate-600">
                  {s(`kinds.${kind}`)} · {q.seriesName}
                  {q.vatName ? ` · ${q.vatName} ${String(Number(q.vatPercent)).replace(".", ",")}%` : ""} · {s("by", { name: by, date: formatDateTime(q.createdAt, locale) })}
                </p>
                {q.status === "issued" && (
                  <div className="space-y-1">
                    {q.issuedNumber && (
                      <p className="flex flex-wrap gap-3">
                        {/* Fetched from SmartBill by the server (app/api/invoices/[id]/pdf): the token stays there. */}
                        <a
                          href={`/api/invoices/${q.id}/pdf`}
                          target="_blank"
                          rel="noreferrer"
                          className="font-medium text-indigo-700 hover:underline"
                          aria-label={t("invoiceList.row.pdfFor", { number: number ?? "" })}
                          data-testid="invoice-pdf"
                        >
                          {t("invoiceList.row.pdf")}
                        </a>
                        {q.documentViewUrl && (
                          <a href={q.documentViewUrl} target="_blank" rel="noreferrer" className="font-medium text-indigo-700 hover:underline">
                            {s("viewInSmartBill")}
                          </a>
                        )}
                        {q.documentUrl && (
                          <a href={q.documentUrl} target="_blank" rel="noreferrer" className="font-medium text-indigo-700 hover:underline">
                            {s("openInSmartBill")}
                          </a>
                        )}
                      </p>
                    )}
                    <p className="text-xs text-slate-500">{s("notSynced")}</p>
                  </div>
                )}
                {failure && (
                  <div className="space-y-1 rounded-md border border-red-200 bg-red-50 p-3 text-red-900" data-testid="invoice-failure">
                    <p>{t(failure.messageKey as never)}</p>
                    {q.failureText && (
                      <blockquote className="border-l-2 border-red-300 pl-2 text-xs">
                        <span className="font-medium">{s("smartbillText")}:</span> {q.failureText}
                      </blockquote>
                    )}
                    <p className="flex flex-wrap gap-3 text-xs">
                      {fixLink && (
                        <Link href={fixLink} className="font-medium underline">
                          {s("fix")}
                        </Link>
                      )}
                      <Link href="/invoices/failed" className="font-medium underline">
                        {s("failuresLink")}
                      </Link>
                    </p>
                  </div>
                )}
                {q.status === "in_doubt" && (
                  <p className="text-amber-900">
                    {s("inDoubt")} {q.expectedNumber && s("expected", { number: expectedInvoiceNumber(q.seriesName, q.expectedNumber, q.padWidth) })}
                  </p>
                )}
                {(q.status === "queued" || q.status === "issuing" || q.status === "cancelled") && <p className="text-slate-600">{s(q.status)}</p>}
                {q.needsStorno && <p className="text-amber-900">{s("needsStorno")}</p>}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
