import "server-only";
import type { Database } from "@/db";
import { getUserCredentialsById, updateUserPassword } from "@/db/queries/users";
import { AppError } from "@/lib/errors";
import type { ChangePasswordInput } from "./schemas";
import { hashPassword, verifyPassword } from "./password";
import { checkPassword, ThrottledError } from "./throttle";
import { endOtherUserSessions } from "./user-sessions";

// The current password is checked under the same lockout as sign-in (a stolen session must not become
// a free password oracle); this browser's known-device token, if any, keeps a stranger's failures from
// locking its owner out (lib/auth/device-cookie.ts). Every other session of the user ends; this
// browser's stays signed in.
export async function changePassword(
  db: Database,
  p: ChangePasswordInput & { userId: string; sessionId: string | null; clientAddress: string | null; deviceId?: string | null },
): Promise<void> {
  const user = await getUserCredentialsById(db, p.userId);
  if (!user) throw new AppError("unauthenticated", "auth.invite.signInFirst");
  let ok: boolean;
  try {
    ok = await checkPassword(db, { email: user.email, clientAddress: p.clientAddress, deviceId: p.deviceId }, () =>
      verifyPassword(p.currentPassword, user.passwordHash),
    );
  } catch (e) {
    if (e instanceof ThrottledError) throw new AppError("rate_limited", "auth.password.throttled");
    throw e;
  }
  if (!ok) throw new AppError("validation", "auth.password.wrongCurrent", { currentPassword: ["auth.password.wrongCurrent"] });
  const passwordHash = await hashPassword(p.newPassword);
  await db.transaction(async (tx) => {
    await updateUserPassword(tx, user.id, passwordHash);
    await endOtherUserSessions(tx, { userId: user.id, keepSessionId: p.sessionId ?? undefined });
  });
}
