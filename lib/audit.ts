import "server-only";
import type { Executor } from "@/db";
import { insertAuditEntry } from "@/db/queries/audit";

const SECRET_KEYS = /token|password|secret|key/i;

// Details are free-form but never carry secrets: keys that look like one are dropped here, whatever
// the caller passed.
export async function writeAudit(
  db: Executor,
  entry: { orgId: string; actorUserId: string | null; action: string; entityType: string; entityId?: string | null; details?: Record<string, unknown> },
): Promise<void> {
  const details = Object.fromEntries(Object.entries(entry.details ?? {}).filter(([k]) => !SECRET_KEYS.test(k)));
  await insertAuditEntry(db, { ...entry, entityId: entry.entityId ?? null, details });
}
