import "server-only";
import { and, asc, eq, sql, type SQL } from "drizzle-orm";
import type { Executor } from "@/db";
import { clients, type Client } from "@/db/schema";
import { pgText } from "./text";

export interface ClientListParams {
  q: string;
  page: number;
  pageSize: number;
}

function clientWhere(orgId: string, q: string): SQL {
  const conditions: SQL[] = [eq(clients.orgId, orgId)];
  for (const word of pgText(q).trim().split(/\s+/).filter(Boolean).slice(0, 5)) {
    const escaped = word.replace(/[\\%_]/g, (c) => `\\${c}`);
    conditions.push(sql`${clients.searchText} like '%' || bursar_search_text(${escaped}) || '%'`);
  }
  return and(...conditions)!;
}

/** A page of clients by name; the search ignores case and diacritics (name, company, e-mail). */
export async function listClients(db: Executor, orgId: string, p: ClientListParams) {
  const where = clientWhere(orgId, p.q);
  const [{ total } = { total: 0 }] = await db.select({ total: sql<number>`count(*)::int` }).from(clients).where(where);
  const rows = await db
    .select()
    .from(clients)
    .where(where)
    .orderBy(asc(clients.name), asc(clients.id))
    .limit(p.pageSize)
    .offset((p.page - 1) * p.pageSize);
  return { rows, total, pageCount: Math.max(1, Math.ceil(total / p.pageSize)) };
}

/** Up to `limit` clients matching a search: for the registration form's client picker. */
export async function searchClientOptions(db: Executor, orgId: string, q: string, limit = 20) {
  return db
    .select({ id: clients.id, name: clients.name, companyName: clients.companyName, email: clients.email })
    .from(clients)
    .where(clientWhere(orgId, q))
    .orderBy(asc(clients.name), asc(clients.id))
    .limit(limit);
}

/** One client of the organisation, or null (also for another organisation's id). */
export async function getClient(db: Executor, orgId: string, clientId: string): Promise<Client | null> {
  const [row] = await db.select().from(clients).where(and(eq(clients.orgId, orgId), eq(clients.id, clientId)));
  return row ?? null;
}
