import "server-only";
import { eq } from "drizzle-orm";
import type { Database } from "@/db";
import { memberships, organisations, users } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import type { SignUpInput } from "@/lib/auth/schemas";
import { writeAudit } from "@/lib/audit";
import { AppError } from "@/lib/errors";

// A new visitor creates an organisation and becomes its admin.
export async function signUp(db: Database, input: SignUpInput): Promise<{ orgId: string; userId: string }> {
  const email = input.email.toLowerCase();
  const taken = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  if (taken.length) throw new AppError("validation", "auth.signUp.emailTaken", { email: ["auth.signUp.emailTaken"] });
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.transaction(async (tx) => {
      const [org] = await tx.insert(organisations).values({ name: input.orgName }).returning();
      const [user] = await tx.insert(users).values({ email, name: input.name, passwordHash }).returning();
      await tx.insert(memberships).values({ orgId: org!.id, userId: user!.id, role: "admin" });
      await writeAudit(tx, {
        orgId: org!.id,
        actorUserId: user!.id,
        action: "organisation.created",
        entityType: "organisation",
        entityId: org!.id,
        details: { name: input.orgName, adminEmail: email },
      });
      return { orgId: org!.id, userId: user!.id };
    });
  } catch (e) {
    // Two sign-ups racing for one address: the unique index decides.
    if ((e as { cause?: { code?: string } }).cause?.code === "23505") {
      throw new AppError("validation", "auth.signUp.emailTaken", { email: ["auth.signUp.emailTaken"] });
    }
    throw e;
  }
}
