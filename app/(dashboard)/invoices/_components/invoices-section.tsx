import { invoiceNumber } from "@/components/invoices/invoice-status-badge";
import { db } from "@/db";
import { hasInvoiceRequests, listInvoiceFilterOptions, listInvoices, sumInvoicesByVat } from "@/db/queries/invoice-list";
import { invoiceFilterQuery, resolveInvoiceListFilter } from "@/lib/invoice-list/filter";
import { todayInBucharest } from "@/lib/registrations/dates";
import { isUuid } from "@/lib/validation/uuid";
import type { InvoicesUrlState } from "../search-params";
import { InvoicesTable } from "./invoices-table";
import { OutsideInvoices } from "./outside-invoices";
import { VatTotals } from "./vat-totals";

// The list's data for the URL's state, fetched on the server (the Suspense boundary's content).
export async function InvoicesSection({ orgId, url, canIssue }: { orgId: string; url: InvoicesUrlState; canIssue: boolean }) {
  const filter = resolveInvoiceListFilter({
    from: url.from,
    to: url.to,
    status: url.status,
    series: url.series ? url.series.slice(0, 40) : null,
    // A malformed id matches nothing rather than failing the query.
    profile: url.profile && isUuid(url.profile) ? url.profile : url.profile ? "00000000-0000-0000-0000-000000000000" : null,
  });
  const [page, totals, options] = await Promise.all([
    listInvoices(db, orgId, { ...filter, page: url.page, pageSize: url.size, dir: url.dir }),
    sumInvoicesByVat(db, orgId, filter),
    listInvoiceFilterOptions(db, orgId),
  ]);
  const filtered = page.total > 0 || (await hasInvoiceRequests(db, orgId));
  return (
    <div className="space-y-6">
      <InvoicesTable
        rows={page.rows.map((r) => ({
          id: r.id,
          status: r.status,
          day: todayInBucharest(r.date),
          number: invoiceNumber(r.issuedSeries, r.issuedNumber),
          clientName: r.clientName,
          clientCif: r.clientCif,
          registrationId: r.registrationId,
          reference: r.reference,
          participantName: r.participantName,
          netBani: r.netBani,
          vatBani: r.vatBani,
          totalBani: r.totalBani,
          needsStorno: r.needsStorno,
          smartBillUrl: r.documentViewUrl ?? r.documentUrl,
        }))}
        total={page.total}
        pageCount={page.pageCount}
        filterKey={JSON.stringify(filter)}
        filtered={filtered}
        from={filter.from}
        to={filter.to}
        series={options.series.map((s) => ({ value: s, label: s }))}
        profiles={options.profiles.map((p) => ({ value: p.id, label: p.name }))}
        exportHref={`/api/invoices/export?${invoiceFilterQuery(filter)}`}
        canIssue={canIssue}
      />
      {filtered && <VatTotals totals={totals} />}
      <OutsideInvoices orgId={orgId} from={filter.from} to={filter.to} />
    </div>
  );
}
