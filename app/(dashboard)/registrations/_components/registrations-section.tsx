import { db } from "@/db";
import { listCourses } from "@/db/queries/courses";
import { listRegistrations, listTerms } from "@/db/queries/registrations";
import type { RegistrationFilter } from "@/lib/registrations/schemas";
import { filterKeyOf, type RegistrationsUrlState } from "../search-params";
import { RegistrationsTable } from "./registrations-table";

// The data of the table, fetched on the server for the URL's state (the Suspense boundary's content).
export async function RegistrationsSection({ orgId, url, canManage }: { orgId: string; url: RegistrationsUrlState; canManage: boolean }) {
  const filter: RegistrationFilter = {
    course: url.course && /^[0-9a-f-]{36}$/i.test(url.course) ? url.course : null,
    term: url.term ? url.term.slice(0, 100) : null,
    paymentStatus: url.status ? [url.status] : [],
    status: url.state,
    q: url.q.trim().slice(0, 100),
  };
  const [page, courses, terms] = await Promise.all([
    listRegistrations(db, orgId, { ...filter, page: url.page, pageSize: url.size, sort: url.sort, dir: url.dir }),
    listCourses(db, orgId, { includeArchived: true }),
    listTerms(db, orgId),
  ]);
  const filtered = !!(url.course || url.term || url.status || url.state !== "active" || url.q.trim());
  return (
    <RegistrationsTable
      rows={page.rows.map((r) => ({
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
      }))}
      total={page.total}
      totalIsLowerBound={page.capped}
      pageCount={page.pageCount}
      filterKey={filterKeyOf(url)}
      filtered={filtered}
      filter={filter}
      canManage={canManage}
      courses={courses.map(({ course: c }) => ({ value: c.id, label: `${c.name} · ${c.termName}` }))}
      terms={terms.map((term) => ({ value: term, label: term }))}
    />
  );
}
