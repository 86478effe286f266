import "server-only";
import { eq } from "drizzle-orm";
import type { Executor } from "../client";
import { organisations } from "../schema";

export async function getOrganisation(db: Executor, orgId: string): Promise<{ id: string; name: string } | null> {
  const [row] = await db.select({ id: organisations.id, name: organisations.name }).from(organisations).where(eq(organisations.id, orgId));
  return row ?? null;
}
