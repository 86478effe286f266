// Organisations with courses, clients and registrations for the registrations tests, made through
// the real use-cases.
import type { Role } from "../db/schema";
import { createClient } from "../lib/registrations/clients";
import { createCourse } from "../lib/registrations/courses";
import { createRegistration } from "../lib/registrations/registrations";
import { clientSchema, courseSchema, registrationSchema } from "../lib/registrations/schemas";
import type { TestDb } from "./db";
import { createSchool, type School } from "./school";

export interface RegOrg {
  id: string;
  school: School<Role>;
  users: Record<Role, string>;
  course: string;
  client: string;
  registration: string;
}

/** A school (one member per role) with a course, a client in București and one registration. */
export async function makeRegOrg(t: TestDb, name: string): Promise<RegOrg> {
  const school = await createSchool(t.db, { name, roles: ["admin", "staff", "accountant"] });
  const ids = { admin: school.admin.userId, staff: school.staff.userId, accountant: school.accountant.userId };
  const org = { id: school.id };
  const a = { orgId: org.id, actorUserId: ids.admin };
  const course = await createCourse(t.db, {
    ...a,
    input: courseSchema.parse({ name: "Dans modern", price: "1.000,00", termName: "Toamna 2026", termStart: "2026-09-15", termEnd: "2027-01-31" }),
  });
  const client = await createClient(t.db, {
    ...a,
    input: clientSchema.parse({ buyerType: "person", name: "Ștefan Popescu", email: "stefan@example.ro", city: "Sector 3", county: "București", country: "Romania" }),
  });
  const registration = await createRegistration(t.db, {
    ...a,
    input: registrationSchema.parse({ clientId: client.id, courseId: course.id, participantName: "Ioana Popescu", downPayment: "300" }),
  });
  return { id: org.id, school, users: ids, course: course.id, client: client.id, registration: registration.id };
}
