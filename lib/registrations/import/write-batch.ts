import "server-only";
import { randomUUID } from "node:crypto";
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Transaction } from "@/db";
import { auditLog, clients, courses, payments, registrations, type Payment, type Registration } from "@/db/schema";
import { AppError } from "@/lib/errors";
import type { PaymentTriggers } from "../payment-hooks";
import { generateReference } from "../reference";
import type { PlannedRow } from "./plan-import";

// One batch of an import's "create" rows, set-based: one multi-row insert each for the new clients,
// the registrations, the payments and their audit rows, one update for the paid amounts; then the
// payment trigger per payment, as recordPayment fires it. Runs in the caller's (short) transaction.

export interface BatchActor {
  orgId: string;
  actorUserId: string | null;
}

export interface BatchResult {
  clients: number;
  registrations: number;
  payments: number;
}

const MAX_REFERENCE_TRIES = 8;

/** A row the dry run passed that its batch cannot write (something changed since): stops the import. */
export class ImportRowError extends AppError {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super("conflict", message);
  }
}
type CreateRow = PlannedRow & { create: NonNullable<PlannedRow["create"]> };

/**
 * Writes the batch. `clientIds` (client key → id) is carried from batch to batch, so a new client whose
 * rows span two batches is created once.
 */
export async function writeBatch(tx: Transaction, a: BatchActor, rows: readonly CreateRow[], clientIds: Map<string, string>, triggers: PaymentTriggers): Promise<BatchResult> {
  const audit = (action: string, entityType: string, entityId: string, details: Record<string, unknown>) => ({ orgId: a.orgId, actorUserId: a.actorUserId, action, entityType, entityId, details });

  // 1. New clients, once per client key.
  const newClients = new Map<string, CreateRow["create"]["client"]>();
  for (const r of rows) if (!r.create.clientId && !clientIds.has(r.create.clientKey)) newClients.set(r.create.clientKey, r.create.client);
  const clientValues = [...newClients].map(([key, c]) => {
    const id = randomUUID();
    clientIds.set(key, id);
    const { buyerType, name, email, phone, address, city, county, country, companyName, cif, regCom, vatPayer } = c;
    return { id, orgId: a.orgId, buyerType, name, email, phone, address, city, county, country, companyName, cif, regCom, vatPayer };
  });
  if (clientValues.length) {
    await tx.insert(clients).values(clientValues);
    await tx.insert(auditLog).values(clientValues.map((c) => audit("client.created", "client", c.id, { name: c.name, buyerType: c.buyerType })));
  }

  // 2. Registrations. The registration use-case copies the client's and the course's names: read them
  // here, in this transaction (a course archived since the dry run is refused as it would be there).
  const clientOf = (r: CreateRow) => r.create.clientId ?? clientIds.get(r.create.clientKey)!;
  const [clientRows, courseRows] = await Promise.all([
    tx.select({ id: clients.id, name: clients.name }).from(clients).where(and(eq(clients.orgId, a.orgId), inArray(clients.id, [...new Set(rows.map(clientOf))]))),
    tx
      .select({ id: courses.id, name: courses.name, priceBani: courses.priceBani })
      .from(courses)
      .where(and(eq(courses.orgId, a.orgId), inArray(courses.id, [...new Set(rows.map((r) => r.create.courseId))]), isNull(courses.archivedAt))),
  ]);
  const clientName = new Map(clientRows.map((c) => [c.id, c.name]));
  const course = new Map(courseRows.map((c) => [c.id, c]));
  let pending = rows.map((r) => {
    const k = course.get(r.create.courseId);
    if (!k) throw new ImportRowError(r.line, "registrationErrors.errors.courseArchived");
    const id = clientOf(r);
    if (!clientName.has(id)) throw new ImportRowError(r.line, "registrationErrors.errors.clientNotFound");
    return {
      row: r,
      values: {
        id: randomUUID(),
        orgId: a.orgId,
        clientId: id,
        courseId: k.id,
        participantName: r.create.participantName,
        clientName: clientName.get(id)!,
        courseName: k.name,
        reference: r.create.reference ?? generateReference(),
        priceBani: r.priceBani ?? k.priceBani,
        downPaymentBani: r.create.downPaymentBani,
        createdBy: a.actorUserId,
      },
    };
  });
  // The ids are ours (only a colliding reference is drawn again), so each row knows its registration.
  const registrationOfLine = new Map(pending.map((p) => [p.row.line, p.values.id]));
  const inserted = new Map<string, Registration>();
  // A generated reference that collides is drawn again; a reference from the file that was taken since
  // the dry run stops the batch (its rows and the rest of the file stay for a later import).
  for (let attempt = 0; pending.length && attempt < MAX_REFERENCE_TRIES; attempt++) {
    const got = await tx
      .insert(registrations)
      .values(pending.map((p) => p.values))
      .onConflictDoNothing({ target: [registrations.orgId, registrations.reference] })
      .returning();
    for (const g of got) inserted.set(g.id, g);
    pending = pending.filter((p) => !inserted.has(p.values.id));
    const taken = pending.find((p) => p.row.create.reference);
    if (taken) throw new ImportRowError(taken.row.line, "registrationErrors.errors.referenceTaken");
    pending = pending.map((p) => ({ ...p, values: { ...p.values, reference: generateReference() } }));
  }
  if (pending.length) throw new AppError("conflict", "registrationErrors.errors.referenceExhausted");
  const created = [...inserted.values()];
  await tx.insert(auditLog).values(
    created.map((r) =>
      audit("registration.created", "registration", r.id, { reference: r.reference, participantName: r.participantName, courseName: r.courseName, priceBani: r.priceBani, downPaymentBani: r.downPaymentBani }),
    ),
  );

  // 3. Payments: what recordPayment does for one, for the batch. The registrations were created in this
  // transaction, so no one else can see (or lock) them yet.
  const paid = rows.filter((r) => r.paidBani);
  if (!paid.length) return { clients: clientValues.length, registrations: created.length, payments: 0 };
  const paymentValues = paid.map((r) => {
    const registrationId = registrationOfLine.get(r.line)!;
    return {
      id: randomUUID(),
      orgId: a.orgId,
      registrationId,
      amountBani: r.paidBani!,
      paidOn: r.create.paidOn,
      method: "other" as const,
      source: "import" as const,
      externalKey: `import:${registrationId}`,
      note: `CSV line ${r.line}`,
      recordedBy: a.actorUserId,
    };
  });
  const recorded: Payment[] = await tx.insert(payments).values(paymentValues).returning();
  const paidSum = sql`(select coalesce(sum(${payments.amountBani}), 0) from ${payments}
    where ${payments.orgId} = ${a.orgId} and ${payments.registrationId} = ${registrations.id} and ${payments.voidedAt} is null)`;
  const after = await tx
    .update(registrations)
    .set({ paidBani: paidSum, updatedAt: sql`now()` })
    .where(and(eq(registrations.orgId, a.orgId), inArray(registrations.id, recorded.map((p) => p.registrationId))))
    .returning();
  const afterById = new Map(after.map((r) => [r.id, r]));
  await tx.insert(auditLog).values(
    recorded.map((p) => {
      const [b, f] = [inserted.get(p.registrationId)!, afterById.get(p.registrationId)!];
      return audit("payment.recorded", "payment", p.id, { registrationId: p.registrationId, amountBani: p.amountBani, paidOn: p.paidOn, method: p.method, source: p.source, statusFrom: b.paymentStatus, statusTo: f.paymentStatus });
    }),
  );
  // Automatic invoicing, per payment, inside this transaction: an invoice request exists iff its payment does.
  for (const p of recorded) {
    await triggers.paymentRecorded(tx, { orgId: a.orgId, actorUserId: a.actorUserId, payment: p, before: inserted.get(p.registrationId)!, after: afterById.get(p.registrationId)! });
  }
  return { clients: clientValues.length, registrations: created.length, payments: recorded.length };
}
