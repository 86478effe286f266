"use server";

import { revalidatePath } from "next/cache";
import { db } from "@/db";
import { archiveCourse } from "@/lib/registrations/courses";
import { archiveCourseSchema } from "@/lib/registrations/schemas";
import { memberAction } from "@/lib/safe-action";

/** Archives (or restores, with archived: false) a course. */
export const archiveCourseAction = memberAction(
  { name: "archiveCourse", schema: archiveCourseSchema, permission: "manageRegistrations" },
  async ({ courseId, archived }, ctx) => {
    await archiveCourse(db, { orgId: ctx.orgId, actorUserId: ctx.user.id, courseId, archived });
    revalidatePath("/courses");
    return null;
  },
);
