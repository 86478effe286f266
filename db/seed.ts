// The demo school's rows. db/ never imports lib/: the caller (scripts/seed-demo.ts) hashes the password.
import { eq } from "drizzle-orm";
import type { Database } from "./client";
import { memberships, organisations, users, type Role } from "./schema";

export const DEMO_ORG_NAME = "Școala Demo";
export const DEMO_PASSWORD = "demo-password";
export const DEMO_USERS: { email: string; name: string; role: Role }[] = [
  { email: "admin@demo.bursar.test", name: "Ana Admin", role: "admin" },
  { email: "staff@demo.bursar.test", name: "Sorin Staff", role: "staff" },
  { email: "accountant@demo.bursar.test", name: "Carmen Contabil", role: "accountant" },
];

/** Creates the demo school and its three users unless the demo admin exists. Idempotent. */
export async function insertDemoSchool(db: Database, passwordHash: () => Promise<string>): Promise<{ orgId: string; created: boolean }> {
  const [existing] = await db
    .select({ orgId: memberships.orgId })
    .from(users)
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .where(eq(users.email, DEMO_USERS[0]!.email))
    .limit(1);
  if (existing) return { orgId: existing.orgId, created: false };
  const hash = await passwordHash();
  return db.transaction(async (tx) => {
    const [org] = await tx.insert(organisations).values({ name: DEMO_ORG_NAME }).returning();
    for (const u of DEMO_USERS) {
      const [row] = await tx.insert(users).values({ email: u.email, name: u.name, passwordHash: hash }).returning();
      await tx.insert(memberships).values({ orgId: org!.id, userId: row!.id, role: u.role });
    }
    return { orgId: org!.id, created: true };
  });
}
