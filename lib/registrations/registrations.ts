import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Executor, Transaction } from "@/db";
import { clients, courses, registrations, type Registration } from "@/db/schema";
import { writeAudit } from "@/lib/audit";
import { AppError } from "@/lib/errors";
import { generateReference } from "./reference";
import { lockRegistration } from "./recompute";
import type { RegistrationValues } from "./schemas";

interface Actor {
  orgId: string;
  actorUserId: string | null;
}

// Another organisation's client or course is refused exactly like one that does not exist.
async function requireParties(tx: Transaction, orgId: string, clientId: string, courseId: string, allowArchived: boolean) {
  const [[client], [course]] = await Promise.all([
    tx.select({ id: clients.id, name: clients.name }).from(clients).where(and(eq(clients.orgId, orgId), eq(clients.id, clientId))),
    tx.select().from(courses).where(and(eq(courses.orgId, orgId), eq(courses.id, courseId))),
  ]);
  if (!client) throw new AppError("not_found", "registrationErrors.errors.clientNotFound", { clientId: ["registrationErrors.errors.clientNotFound"] });
  if (!course) throw new AppError("not_found", "registrationErrors.errors.courseNotFound", { courseId: ["registrationErrors.errors.courseNotFound"] });
  if (course.archivedAt && !allowArchived) {
    throw new AppError("validation", "registrationErrors.errors.courseArchived", { courseId: ["registrationErrors.errors.courseArchived"] });
  }
  return { client, course };
}

function checkDownPayment(priceBani: number, downPaymentBani: number | null) {
  if (downPaymentBani !== null && downPaymentBani > priceBani) {
    throw new AppError("validation", "registrationErrors.validation.downPaymentAbovePrice", { downPayment: ["registrationErrors.validation.downPaymentAbovePrice"] });
  }
}

const MAX_REFERENCE_TRIES = 8;

/** Registers a participant; price defaults to the course's. A generated reference is retried on collision. */
export async function createRegistration(db: Executor, a: Actor & { input: RegistrationValues; random?: () => number }): Promise<Registration> {
  return db.transaction(async (tx) => {
    const { client, course } = await requireParties(tx, a.orgId, a.input.clientId, a.input.courseId, false);
    const priceBani = a.input.price ?? course.priceBani;
    checkDownPayment(priceBani, a.input.downPayment);
    const values = {
      orgId: a.orgId,
      clientId: client.id,
      courseId: course.id,
      participantName: a.input.participantName,
      clientName: client.name,
      courseName: course.name,
      priceBani,
      downPaymentBani: a.input.downPayment,
      createdBy: a.actorUserId,
    };
    let row: Registration | undefined;
    for (let i = 0; !row && i < (a.input.reference ? 1 : MAX_REFERENCE_TRIES); i++) {
      const reference = a.input.reference ?? generateReference(a.random);
      [row] = await tx.insert(registrations).values({ ...values, reference }).onConflictDoNothing({ target: [registrations.orgId, registrations.reference] }).returning();
    }
    if (!row) {
      if (a.input.reference) throw new AppError("validation", "registrationErrors.errors.referenceTaken", { reference: ["registrationErrors.errors.referenceTaken"] });
      throw new AppError("conflict", "registrationErrors.errors.referenceExhausted");
    }
    await writeAudit(tx, {
      orgId: a.orgId,
      actorUserId: a.actorUserId,
      action: "registration.created",
      entityType: "registration",
      entityId: row.id,
      details: { reference: row.reference, participantName: row.participantName, courseName: row.courseName, priceBani: row.priceBani, downPaymentBani: row.downPaymentBani },
    });
    return row;
  });
}

/** Edits a registration (participant, client, course, price, down payment); the reference never changes. */
export async function updateRegistration(db: Executor, a: Actor & { registrationId: string; input: RegistrationValues }): Promise<Registration> {
  return db.transaction(async (tx) => {
    const before = await lockRegistration(tx, a.orgId, a.registrationId);
    if (before.status === "cancelled") throw new AppError("conflict", "registrationErrors.errors.cancelledNoEdit");
    const { client, course } = await requireParties(tx, a.orgId, a.input.clientId, a.input.courseId, a.input.courseId === before.courseId);
    const priceBani = a.input.price ?? before.priceBani;
    checkDownPayment(priceBani, a.input.downPayment);
    const [row] = await tx
      .update(registrations)
      .set({
        clientId: client.id,
        clientName: client.name,
        courseId: course.id,
        courseName: course.name,
        participantName: a.input.participantName,
        priceBani,
        downPaymentBani: a.input.downPayment,
        updatedAt: sql`now()`,
      })
      .where(and(eq(registrations.orgId, a.orgId), eq(registrations.id, a.registrationId)))
      .returning();
    const keys = ["clientId", "courseId", "participantName", "priceBani", "downPaymentBani"] as const;
    const changes = Object.fromEntries(keys.filter((k) => before[k] !== row![k]).map((k) => [k, { from: before[k], to: row![k] }]));
    await writeAudit(tx, {
      orgId: a.orgId,
      actorUserId: a.actorUserId,
      action: "registration.updated",
      entityType: "registration",
      entityId: a.registrationId,
      details: { changes, statusFrom: before.paymentStatus, statusTo: row!.paymentStatus },
    });
    return row!;
  });
}

/** Cancels a registration: it stays (with its payments) but takes no new payments or edits. */
export async function cancelRegistration(db: Executor, a: Actor & { registrationId: string; reason: string }): Promise<Registration> {
  return db.transaction(async (tx) => {
    const before = await lockRegistration(tx, a.orgId, a.registrationId);
    if (before.status === "cancelled") throw new AppError("conflict", "registrationErrors.errors.alreadyCancelled");
    const [row] = await tx
      .update(registrations)
      .set({ status: "cancelled", cancelledAt: sql`now()`, cancelReason: a.reason, updatedAt: sql`now()` })
      .where(and(eq(registrations.orgId, a.orgId), eq(registrations.id, a.registrationId)))
      .returning();
    await writeAudit(tx, { orgId: a.orgId, actorUserId: a.actorUserId, action: "registration.cancelled", entityType: "registration", entityId: a.registrationId, details: { reason: a.reason } });
    return row!;
  });
}
