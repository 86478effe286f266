import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Executor } from "@/db";
import { getCourse } from "@/db/queries/courses";
import { billingProfiles, courses, registrations, vatLevels, type Course } from "@/db/schema";
import { writeAudit } from "@/lib/audit";
import { AppError } from "@/lib/errors";
import type { CourseValues } from "./schemas";

interface Actor {
  orgId: string;
  actorUserId: string | null;
}

// A profile or VAT level named in the input must be the organisation's own: another school's id is
// refused as if it did not exist.
async function checkReferences(db: Executor, orgId: string, input: CourseValues): Promise<{ vatPercentage: string | null }> {
  if (input.billingProfileId) {
    const [p] = await db
      .select({ id: billingProfiles.id })
      .from(billingProfiles)
      .where(and(eq(billingProfiles.orgId, orgId), eq(billingProfiles.id, input.billingProfileId), isNull(billingProfiles.archivedAt)));
    if (!p) throw new AppError("validation", "registrationErrors.errors.profileNotFound", { billingProfileId: ["registrationErrors.errors.profileNotFound"] });
  }
  if (!input.vatName) return { vatPercentage: null };
  const [v] = await db
    .select({ percentage: vatLevels.percentage })
    .from(vatLevels)
    .where(and(eq(vatLevels.orgId, orgId), eq(vatLevels.name, input.vatName), isNull(vatLevels.removedAt)));
  if (!v) throw new AppError("validation", "registrationErrors.errors.vatUnknown", { vatName: ["registrationErrors.errors.vatUnknown"] });
  return { vatPercentage: v.percentage };
}

function columnsOf(input: CourseValues, vatPercentage: string | null) {
  return {
    name: input.name,
    priceBani: input.price,
    billingProfileId: input.billingProfileId,
    vatName: input.vatName,
    vatPercentage,
    termName: input.termName,
    termStart: input.termStart,
    termEnd: input.termEnd,
  };
}

export async function createCourse(db: Executor, a: Actor & { input: CourseValues }): Promise<Course> {
  const { vatPercentage } = await checkReferences(db, a.orgId, a.input);
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(courses).values({ orgId: a.orgId, ...columnsOf(a.input, vatPercentage) }).returning();
    await writeAudit(tx, { orgId: a.orgId, actorUserId: a.actorUserId, action: "course.created", entityType: "course", entityId: row!.id, details: { name: row!.name, priceBani: row!.priceBani } });
    return row!;
  });
}

/** Edits a course. Existing registrations keep their own price; their copy of the name follows. */
export async function updateCourse(db: Executor, a: Actor & { courseId: string; input: CourseValues }): Promise<Course> {
  const { vatPercentage } = await checkReferences(db, a.orgId, a.input);
  return db.transaction(async (tx) => {
    const before = await getCourse(tx, a.orgId, a.courseId);
    if (!before) throw new AppError("not_found", "registrationErrors.errors.courseNotFound");
    const [row] = await tx
      .update(courses)
      .set({ ...columnsOf(a.input, vatPercentage), updatedAt: sql`now()` })
      .where(and(eq(courses.orgId, a.orgId), eq(courses.id, a.courseId)))
      .returning();
    if (before.name !== row!.name) {
      await tx.update(registrations).set({ courseName: row!.name }).where(and(eq(registrations.orgId, a.orgId), eq(registrations.courseId, a.courseId)));
    }
    const changed = Object.keys(columnsOf(a.input, vatPercentage)).filter((k) => String(before[k as keyof Course]) !== String(row![k as keyof Course]));
    await writeAudit(tx, { orgId: a.orgId, actorUserId: a.actorUserId, action: "course.updated", entityType: "course", entityId: a.courseId, details: { changed } });
    return row!;
  });
}

/** Archived courses leave the pickers; their registrations stay as they are. */
export async function archiveCourse(db: Executor, a: Actor & { courseId: string; archived: boolean }): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(courses)
      .set({ archivedAt: a.archived ? sql`coalesce(${courses.archivedAt}, now())` : null, updatedAt: sql`now()` })
      .where(and(eq(courses.orgId, a.orgId), eq(courses.id, a.courseId)))
      .returning({ id: courses.id });
    if (!row) throw new AppError("not_found", "registrationErrors.errors.courseNotFound");
    await writeAudit(tx, { orgId: a.orgId, actorUserId: a.actorUserId, action: a.archived ? "course.archived" : "course.restored", entityType: "course", entityId: a.courseId });
  });
}
