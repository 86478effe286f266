import "server-only";
import type { Database } from "@/db";
import { insertMembership } from "@/db/queries/memberships";
import { insertOrganisation } from "@/db/queries/organisations";
import { insertUser, userExistsWithEmail } from "@/db/queries/users";
import { hashPassword } from "@/lib/auth/password";
import type { SignUpInput } from "@/lib/auth/schemas";
import { writeAudit } from "@/lib/audit";
import { AppError } from "@/lib/errors";
import { isUniqueViolation } from "@/db/errors";
import { reserveSignUp } from "./flood-limits";

// A new visitor creates an organisation and becomes its admin. Saying that an address is taken is the
// one thing sign-up reveals about existing accounts (docs/security.md, "Enumeration"); it is limited per
// client address and overall like the rest of sign-up (lib/team/flood-limits.ts).
export async function signUp(
  db: Database,
  input: SignUpInput,
  p: { clientAddress: string | null },
): Promise<{ orgId: string; userId: string }> {
  const email = input.email.toLowerCase();
  const taken = () => new AppError("validation", "auth.signUp.emailTaken", { email: ["auth.signUp.emailTaken"] });
  // Its own transaction: the attempt stays counted whatever happens next.
  await db.transaction((tx) => reserveSignUp(tx, { clientAddress: p.clientAddress }));
  if (await userExistsWithEmail(db, email)) throw taken();
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.transaction(async (tx) => {
      const orgId = await insertOrganisation(tx, input.orgName);
      const user = await insertUser(tx, { email, name: input.name, passwordHash });
      await insertMembership(tx, { orgId, userId: user.id, role: "admin" });
      await writeAudit(tx, {
        orgId,
        actorUserId: user.id,
        action: "organisation.created",
        entityType: "organisation",
        entityId: orgId,
        details: { name: input.orgName, adminEmail: email },
      });
      return { orgId, userId: user.id };
    });
  } catch (e) {
    // Two sign-ups racing for one address: the unique index decides.
    if (isUniqueViolation(e)) throw taken();
    throw e;
  }
}
