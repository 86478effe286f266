"use server";

import { revalidatePath } from "next/cache";
import { db } from "@/db";
import { createCourse, updateCourse } from "@/lib/registrations/courses";
import { courseSchema } from "@/lib/registrations/schemas";
import { memberAction } from "@/lib/safe-action";

/** Creates a course, or edits it when `id` is given. */
export const saveCourseAction = memberAction(
  { name: "saveCourse", schema: courseSchema, permission: "manageRegistrations" },
  async ({ id, ...input }, ctx) => {
    const a = { orgId: ctx.orgId, actorUserId: ctx.user.id, input: { id, ...input } };
    const row = id ? await updateCourse(db, { ...a, courseId: id }) : await createCourse(db, a);
    revalidatePath("/courses");
    return { id: row.id, created: !id };
  },
);
