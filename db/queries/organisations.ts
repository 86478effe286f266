import "server-only";
import { eq } from "drizzle-orm";
import type { Executor } from "../client";
import { organisations } from "../schema";

export async function getOrganisation(db: Executor, orgId: string): Promise<{ id: string; name: string } | null> {
  const [row] = await db.select({ id: organisations.id, name: organisations.name }).from(organisations).where(eq(organisations.id, orgId));
  return row ?? null;
}

export async function insertOrganisation(db: Executor, name: string): Promise<string> {
  const [row] = await db.insert(organisations).values({ name }).returning({ id: organisations.id });
  return row!.id;
}
