import "server-only";
import { and, asc, desc, eq, inArray, sql, type SQL, type SQLWrapper } from "drizzle-orm";
import type { Executor } from "@/db";
import { auditLog, clients, courses, invoiceRequests, payments, registrationCounts, registrations, users, type PaymentStatus } from "@/db/schema";
import { needsCappedCount, SEARCH_COUNT_CAP, searchPage } from "./registration-search";
import { pgText } from "./text";

// db/ never imports lib/: these mirror lib/registrations/schemas.ts (listRegistrationsSchema), whose
// parsed output is passed straight in.
export type RegistrationSortKey = "reference" | "participant" | "client" | "course" | "price" | "paid" | "balance" | "status" | "created";
export interface RegistrationFilterParams {
  course: string | null;
  term: string | null;
  paymentStatus: readonly PaymentStatus[];
  status: "active" | "cancelled" | "all";
  q: string;
  /** What the row's invoice badge shows (its latest request); null: any. */
  invoice: "none" | "pending" | "issued" | "failed" | "in_doubt" | null;
}
export interface RegistrationListParams extends RegistrationFilterParams {
  page: number;
  pageSize: number;
  sort: RegistrationSortKey;
  dir: "asc" | "desc";
}

const r = registrations;
// Whitelisted sorts. Each column list has a matching (org_id, …, id) index, so any page is an index walk.
const SORTS: Record<RegistrationSortKey, readonly (typeof r.id | typeof r.reference | typeof r.createdAt | typeof r.paymentStatus | typeof r.participantName | typeof r.clientName | typeof r.courseName | typeof r.priceBani | typeof r.paidBani | typeof r.balanceBani)[]> = {
  reference: [r.reference],
  participant: [r.participantName, r.id],
  client: [r.clientName, r.id],
  course: [r.courseName, r.id],
  price: [r.priceBani, r.id],
  paid: [r.paidBani, r.id],
  balance: [r.balanceBani, r.id],
  status: [r.paymentStatus, r.createdAt, r.id],
  created: [r.createdAt, r.id],
};

/** "50%_x" typed by a user is matched literally. */
function likeEscape(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

const INVOICE_FILTER_STATUSES = { pending: ["queued", "issuing"], issued: ["issued"], failed: ["failed"], in_doubt: ["in_doubt"] } as const;

/**
 * The registration's invoice badge, as a condition: "none" has no request at all; the others ask for
 * a latest request (none created after it, the id breaking a tie) in those statuses. A broad value is
 * probed per registration (invoice_requests_org_registration_idx) while walking the sort's index.
 */
function invoiceCondition(orgId: string, filter: NonNullable<RegistrationFilterParams["invoice"]>): SQL {
  const ofRow = (alias: string) => sql`${sql.identifier(alias)}.org_id = ${orgId} and ${sql.identifier(alias)}.registration_id = ${r.id}`;
  if (filter === "none") return sql`not exists (select 1 from ${invoiceRequests} ir where ${ofRow("ir")})`;
  const statuses = sql.join(INVOICE_FILTER_STATUSES[filter].map((s) => sql`${s}`), sql`, `);
  // "later" is tied to ir, not to the registration: the planner can then start from the few requests
  // in a rare status (invoice_requests_org_status_idx) instead of scanning every registration.
  return sql`exists (select 1 from ${invoiceRequests} ir where ${ofRow("ir")} and ir.status in (${statuses})
    and not exists (select 1 from ${invoiceRequests} later
      where later.org_id = ir.org_id and later.registration_id = ir.registration_id and (later.created_at, later.id) > (ir.created_at, ir.id)))`;
}

/** The one where-builder for a page, its count and "all N matching": organisation first. */
export function registrationWhere(orgId: string, f: RegistrationFilterParams): SQL {
  const conditions: SQL[] = [eq(r.orgId, orgId)];
  if (f.status !== "all") conditions.push(eq(r.status, f.status));
  if (f.course) conditions.push(eq(r.courseId, f.course));
  if (f.term) {
    conditions.push(
      inArray(r.courseId, sql`(select ${courses.id} from ${courses} where ${courses.orgId} = ${orgId} and ${courses.termName} = ${pgText(f.term)})`),
    );
  }
  if (f.paymentStatus.length) conditions.push(inArray(r.paymentStatus, [...f.paymentStatus]));
  if (f.invoice) conditions.push(invoiceCondition(orgId, f.invoice));
  // Every word must appear in client, participant or reference, ignoring case and diacritics; the
  // trigram GIN index on search_text serves the LIKE.
  for (const word of pgText(f.q).trim().split(/\s+/).filter(Boolean).slice(0, 5)) {
    conditions.push(sql`${r.searchText} like '%' || bursar_search_text(${likeEscape(word)}) || '%'`);
  }
  return and(...conditions)!;
}

/** How many registrations match. Without a text search or invoice filter it sums the maintained counts table. */
export async function countRegistrations(db: Executor, orgId: string, f: RegistrationFilterParams): Promise<number> {
  if (!needsCappedCount(f)) {
    const c = registrationCounts;
    const conditions: SQL[] = [eq(c.orgId, orgId)];
    if (f.status !== "all") conditions.push(eq(c.status, f.status));
    if (f.course) conditions.push(eq(c.courseId, f.course));
    if (f.term) conditions.push(inArray(c.courseId, sql`(select ${courses.id} from ${courses} where ${courses.orgId} = ${orgId} and ${courses.termName} = ${pgText(f.term)})`));
    if (f.paymentStatus.length) conditions.push(inArray(c.paymentStatus, [...f.paymentStatus]));
    const [row] = await db.select({ n: sql<string>`coalesce(sum(${c.n}), 0)` }).from(c).where(and(...conditions));
    return Number(row?.n ?? 0);
  }
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(r).where(registrationWhere(orgId, f));
  return row?.n ?? 0;
}

export const registrationRowColumns = {
  id: r.id,
  reference: r.reference,
  participantName: r.participantName,
  clientId: r.clientId,
  clientName: r.clientName,
  courseId: r.courseId,
  courseName: r.courseName,
  priceBani: r.priceBani,
  downPaymentBani: r.downPaymentBani,
  paidBani: r.paidBani,
  balanceBani: r.balanceBani,
  paymentStatus: r.paymentStatus,
  status: r.status,
  createdAt: r.createdAt,
};
export type RegistrationRow = {
  [K in keyof typeof registrationRowColumns]: (typeof registrationRowColumns)[K]["_"]["notNull"] extends true
    ? (typeof registrationRowColumns)[K]["_"]["data"]
    : (typeof registrationRowColumns)[K]["_"]["data"] | null;
};

export interface RegistrationPage {
  rows: RegistrationRow[];
  /** Matching rows; with `capped`, a lower bound (the text search's count stops at SEARCH_COUNT_CAP). */
  total: number;
  pageCount: number;
  capped: boolean;
}

/**
 * One page of the registrations table. Past the middle the page is read from the other end (a
 * reversed index walk with a small offset), so the last page costs what the first does; the page's
 * ids come from an index-only walk and only those rows are fetched (deferred join). A text search or
 * an invoice filter goes through searchPage (registration-search.ts): no maintained count knows them.
 */
export async function listRegistrations(
  db: Executor,
  orgId: string,
  p: RegistrationListParams,
  opts: { searchCountCap?: number } = {},
): Promise<RegistrationPage> {
  if (needsCappedCount(p)) return searchPage(db, orgId, p, opts.searchCountCap ?? SEARCH_COUNT_CAP);
  const total = await countRegistrations(db, orgId, p);
  return pageOf(db, orgId, p, total);
}

/** The page for a known total: ids by an index walk from the nearer end. */
async function pageOf(db: Executor, orgId: string, p: RegistrationListParams, total: number): Promise<RegistrationPage> {
  const pageCount = Math.max(1, Math.ceil(total / p.pageSize));
  const page = Math.min(p.page, pageCount);
  const offset = (page - 1) * p.pageSize;
  if (offset >= total) return { rows: [], total, pageCount, capped: false };
  const limit = Math.min(p.pageSize, total - offset);
  const fromEnd = offset + limit / 2 > total / 2;
  const ascending = (p.dir === "asc") !== fromEnd;
  const ids = db
    .select({ id: r.id })
    .from(r)
    .where(registrationWhere(orgId, p))
    .orderBy(...sortOrder(p.sort, ascending))
    .limit(limit)
    .offset(fromEnd ? total - offset - limit : offset);
  const rows = await rowsByIds(db, orgId, ids, p.sort, ascending);
  if (fromEnd) rows.reverse();
  return { rows, total, pageCount, capped: false };
}

function sortOrder(sort: RegistrationSortKey, ascending: boolean): SQL[] {
  return SORTS[sort].map((c) => (ascending ? asc(c) : desc(c)));
}

export function sortColumns(sort: RegistrationSortKey) {
  return SORTS[sort];
}

/** The table's rows for some ids (a subquery or a list), in the sort's order. */
export function rowsByIds(db: Executor, orgId: string, ids: SQL | SQLWrapper | string[], sort: RegistrationSortKey, ascending: boolean) {
  return db
    .select(registrationRowColumns)
    .from(r)
    .where(and(eq(r.orgId, orgId), inArray(r.id, ids)))
    .orderBy(...sortOrder(sort, ascending));
}

/**
 * Every id matching a filter ("select all N matching"), up to `cap`. Not limited by the text search's
 * count cap (SEARCH_COUNT_CAP only bounds what the table counts and shows).
 */
export async function listRegistrationIds(db: Executor, orgId: string, f: RegistrationFilterParams, cap = 100_000): Promise<string[]> {
  const rows = await db.select({ id: r.id }).from(r).where(registrationWhere(orgId, f)).orderBy(desc(r.createdAt), desc(r.id)).limit(cap);
  return rows.map((x) => x.id);
}

/** The terms courses are grouped by (for the table's filter). */
export async function listTerms(db: Executor, orgId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ termName: courses.termName, termStart: courses.termStart })
    .from(courses)
    .where(eq(courses.orgId, orgId))
    .orderBy(desc(courses.termStart), asc(courses.termName));
  return [...new Set(rows.map((x) => x.termName))];
}

/** One registration with its client and course, or null (also for another organisation's id). */
export async function getRegistration(db: Executor, orgId: string, registrationId: string) {
  const [row] = await db
    .select({ registration: registrations, client: clients, course: courses })
    .from(registrations)
    .innerJoin(clients, and(eq(clients.orgId, orgId), eq(clients.id, registrations.clientId)))
    .innerJoin(courses, and(eq(courses.orgId, orgId), eq(courses.id, registrations.courseId)))
    .where(and(eq(registrations.orgId, orgId), eq(registrations.id, registrationId)));
  return row ?? null;
}

/** A client's registrations, newest first. */
export async function listClientRegistrations(db: Executor, orgId: string, clientId: string): Promise<RegistrationRow[]> {
  return db
    .select(registrationRowColumns)
    .from(r)
    .where(and(eq(r.orgId, orgId), eq(r.clientId, clientId)))
    .orderBy(desc(r.createdAt), desc(r.id));
}

/**
 * What happened to a registration, oldest first: its own audit entries and its payments'
 * (recorded, voided), with who did it.
 */
export async function listRegistrationTimeline(db: Executor, orgId: string, registrationId: string) {
  const paymentIds = db
    .select({ id: sql`${payments.id}::text` })
    .from(payments)
    .where(and(eq(payments.orgId, orgId), eq(payments.registrationId, registrationId)));
  return db
    .select({
      id: auditLog.id,
      action: auditLog.action,
      entityType: auditLog.entityType,
      entityId: auditLog.entityId,
      details: auditLog.details,
      createdAt: auditLog.createdAt,
      actorName: users.name,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(
      and(
        eq(auditLog.orgId, orgId),
        sql`((${auditLog.entityType} = 'registration' and ${auditLog.entityId} = ${registrationId})
          or (${auditLog.entityType} = 'payment' and ${auditLog.entityId} in (${paymentIds})))`,
      ),
    )
    .orderBy(asc(auditLog.createdAt), asc(auditLog.id));
}
