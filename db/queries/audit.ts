import "server-only";
import type { Executor } from "../client";
import { auditLog } from "../schema";

export type NewAuditEntry = Omit<typeof auditLog.$inferInsert, "id" | "createdAt">;

export async function insertAuditEntry(db: Executor, entry: NewAuditEntry): Promise<void> {
  await db.insert(auditLog).values(entry);
}
