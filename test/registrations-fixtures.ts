// Organisations with courses, clients and registrations for the registrations tests, made through
// the real use-cases.
import crypto from "node:crypto";
import { memberships, organisations, users, type Role } from "../db/schema";
import { createClient } from "../lib/registrations/clients";
import { createCourse } from "../lib/registrations/courses";
import { createRegistration } from "../lib/registrations/registrations";
import { clientSchema, courseSchema, registrationSchema } from "../lib/registrations/schemas";
import type { TestDb } from "./db";

export interface RegOrg {
  id: string;
  users: Record<Role, string>;
  course: string;
  client: string;
  registration: string;
}

export async function makeRegOrg(t: TestDb, name: string): Promise<RegOrg> {
  const [org] = await t.db.insert(organisations).values({ name }).returning();
  const ids = {} as Record<Role, string>;
  for (const role of ["admin", "staff", "accountant"] as const) {
    const [u] = await t.db
      .insert(users)
      .values({ email: `${role}-${crypto.randomUUID()}@reg.test`, name: `${name} ${role}`, passwordHash: "x" })
      .returning();
    await t.db.insert(memberships).values({ orgId: org!.id, userId: u!.id, role });
    ids[role] = u!.id;
  }
  const a = { orgId: org!.id, actorUserId: ids.admin };
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
  return { id: org!.id, users: ids, course: course.id, client: client.id, registration: registration.id };
}
