import "server-only";
import type { Executor } from "@/db";
import { organisations } from "@/db/schema";

export async function insertOrganisation(db: Executor, name: string): Promise<string> {
  const [row] = await db.insert(organisations).values({ name }).returning({ id: organisations.id });
  return row!.id;
}
