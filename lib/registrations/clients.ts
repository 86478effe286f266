import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Executor } from "@/db";
import { getClient } from "@/db/queries/clients";
import { clients, registrations, type Client } from "@/db/schema";
import { writeAudit } from "@/lib/audit";
import { AppError } from "@/lib/errors";
import type { ClientValues } from "./schemas";

interface Actor {
  orgId: string;
  actorUserId: string | null;
}

const FIELDS = ["buyerType", "name", "email", "phone", "address", "city", "county", "country", "companyName", "cif", "regCom", "vatPayer"] as const;

function columnsOf(input: ClientValues) {
  return Object.fromEntries(FIELDS.map((k) => [k, input[k]])) as Pick<ClientValues, (typeof FIELDS)[number]>;
}

export async function createClient(db: Executor, a: Actor & { input: ClientValues }): Promise<Client> {
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(clients).values({ orgId: a.orgId, ...columnsOf(a.input) }).returning();
    await writeAudit(tx, { orgId: a.orgId, actorUserId: a.actorUserId, action: "client.created", entityType: "client", entityId: row!.id, details: { name: row!.name, buyerType: row!.buyerType } });
    return row!;
  });
}

/** Edits a client; the registrations' copy of the name (sorting, search) follows in the same transaction. */
export async function updateClient(db: Executor, a: Actor & { clientId: string; input: ClientValues }): Promise<Client> {
  return db.transaction(async (tx) => {
    const before = await getClient(tx, a.orgId, a.clientId);
    if (!before) throw new AppError("not_found", "registrationErrors.errors.clientNotFound");
    const [row] = await tx
      .update(clients)
      .set({ ...columnsOf(a.input), updatedAt: sql`now()` })
      .where(and(eq(clients.orgId, a.orgId), eq(clients.id, a.clientId)))
      .returning();
    if (before.name !== row!.name) {
      await tx.update(registrations).set({ clientName: row!.name }).where(and(eq(registrations.orgId, a.orgId), eq(registrations.clientId, a.clientId)));
    }
    const changed = FIELDS.filter((k) => before[k] !== row![k]);
    await writeAudit(tx, { orgId: a.orgId, actorUserId: a.actorUserId, action: "client.updated", entityType: "client", entityId: a.clientId, details: { changed } });
    return row!;
  });
}
