import { invoiceNumber } from "@/components/invoices/invoice-status-badge";
import { db } from "@/db";
import { listCourses } from "@/db/queries/courses";
import { listLatestInvoiceStatus } from "@/db/queries/invoices";
import { listRegistrations, listTerms } from "@/db/queries/registrations";
import type { RegistrationFilter } from "@/lib/registrations/schemas";
import { filterKeyOf, type RegistrationsUrlState } from "../search-params";
import { RegistrationsTable } from "./registrations-table";

// The data of the table, fetched on the server for the URL's state (the Suspense boundary's content).
export async function RegistrationsSection({ orgId, url, canManage, canIssue }: { orgId: string; url: RegistrationsUrlState; canManage: boolean; canIssue: boolean }) {
  const filter: RegistrationFilter = {
    course: url.course && /^[0-9a-f-]{36}$/i.test(url.course) ? url.course : null,
    term: url.term ? url.term.slice(0, 100) : null,
    paymentStatus: url.status ? [url.status] : [],
    status: url.state,
    q: url.q.trim().slice(0, 100),
    invoice: url.invoice,
  };
  const [page, courses, terms] = await Promise.all([
    listRegistrations(db, orgId, { ...filter, page: url.page, pageSize: url.size, sort: url.sort, dir: url.dir }),
    listCourses(db, orgId, { includeArchived: true }),
    listTerms(db, orgId),
  ]);
  // The invoice badges of this page's rows only, in one query.
  const invoices = await listLatestInvoiceStatus(db, orgId, page.rows.map((r) => r.id));
  const filtered = !!(url.course || url.term || url.status || url.invoice || url.state !== "active" || url.q.trim());
  return (
    <RegistrationsTable
      rows={page.rows.map((r) => {
        const inv = invoices.get(r.id);
        return {
          id: r.id,
          reference: r.reference,
          participantName: r.participantName,
          clientId: r.clientId,
          clientName: r.clientName,
          courseId: r.courseId,
          courseName: r.courseName,
          priceBani: r.priceBani,
          paidBani: r.paidBani,
          balanceBani: r.balanceBani,
          paymentStatus: r.paymentStatus,
          status: r.status,
          invoice: inv ? { status: inv.status, number: invoiceNumber(inv.issuedSeries, inv.issuedNumber), needsStorno: inv.needsStorno, pending: inv.anyPending } : null,
          uninvoicedBani: r.priceBani - (inv?.invoicedBani ?? 0),
        };
      })}
      total={page.total}
      totalIsLowerBound={page.capped}
      pageCount={page.pageCount}
      filterKey={filterKeyOf(url)}
      filtered={filtered}
      filter={filter}
      canManage={canManage}
      canIssue={canIssue}
      courses={courses.map(({ course: c }) => ({ value: c.id, label: `${c.name} · ${c.termName}` }))}
      terms={terms.map((term) => ({ value: term, label: term }))}
    />
  );
}
