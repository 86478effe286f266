import "server-only";
import { eq } from "drizzle-orm";
import type { Executor } from "../client";
import { users } from "../schema";

export async function updateUserLocale(db: Executor, userId: string, locale: string): Promise<void> {
  await db.update(users).set({ locale }).where(eq(users.id, userId));
}
