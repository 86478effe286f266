import "server-only";
import { and, asc, desc, eq, isNull, sql } from "drizzle-orm";
import type { Executor } from "@/db";
import { billingProfiles, courses, registrationCounts, type Course } from "@/db/schema";

/** The organisation's courses, newest term first; archived ones only when asked. */
export async function listCourses(db: Executor, orgId: string, opts: { includeArchived?: boolean } = {}) {
  return db
    .select({
      course: courses,
      profileName: billingProfiles.companyName,
      // From the maintained counts (a few rows per course), not a count over the registrations.
      registrations: sql<number>`(select coalesce(sum(${registrationCounts.n}), 0)::int from ${registrationCounts} where ${registrationCounts.orgId} = ${orgId} and ${registrationCounts.courseId} = ${courses.id} and ${registrationCounts.status} = 'active')`,
    })
    .from(courses)
    .leftJoin(billingProfiles, and(eq(billingProfiles.orgId, orgId), eq(billingProfiles.id, courses.billingProfileId)))
    .where(and(eq(courses.orgId, orgId), opts.includeArchived ? undefined : isNull(courses.archivedAt)))
    .orderBy(desc(courses.termStart), asc(courses.name), asc(courses.id));
}

/** Id, name, price and term of the active courses: for pickers and filters. */
export async function listCourseOptions(db: Executor, orgId: string) {
  return db
    .select({ id: courses.id, name: courses.name, priceBani: courses.priceBani, termName: courses.termName })
    .from(courses)
    .where(and(eq(courses.orgId, orgId), isNull(courses.archivedAt)))
    .orderBy(desc(courses.termStart), asc(courses.name));
}

/** One course of the organisation, or null (also for another organisation's id). */
export async function getCourse(db: Executor, orgId: string, courseId: string): Promise<Course | null> {
  const [row] = await db.select().from(courses).where(and(eq(courses.orgId, orgId), eq(courses.id, courseId)));
  return row ?? null;
}
