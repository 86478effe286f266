import "server-only";
import type { Database } from "@/db";
import { DEMO_USERS } from "@/db/seed";
import { revokeUserSessionsOfUser } from "@/db/queries/user-sessions";
import { getUserCredentialsByEmail } from "@/db/queries/users";
import { isDemoEnabled } from "@/lib/demo-mode";

// The demo users' password is published (README, the sign-in page's hint), so they exist only while the
// install runs as the demo: with BURSAR_DEMO off their sign-in is refused (lib/auth/options.ts), and at
// start (scripts/seed-demo.ts) their open sessions end. BURSAR_DEMO on again enables them again.

const DEMO_EMAILS = new Set(DEMO_USERS.map((u) => u.email));

export const DEMO_ACCOUNT_OFF = "demo-off";

/** True for a demo user's address while demo mode is off. */
export function isDisabledDemoAccount(email: string): boolean {
  return DEMO_EMAILS.has(email) && !isDemoEnabled();
}

export function demoAccountRefusedLine(email: string): string {
  return `[auth] sign-in refused for demo user ${email}: BURSAR_DEMO is off, so the demo users (whose password is published) are disabled. Set BURSAR_DEMO=on to enable them.`;
}

/** At start outside demo mode: ends the demo users' sessions; returns the demo addresses found. */
export async function disableDemoAccounts(db: Database, now = new Date()): Promise<string[]> {
  const found: string[] = [];
  for (const email of DEMO_EMAILS) {
    const user = await getUserCredentialsByEmail(db, email);
    if (!user) continue;
    await revokeUserSessionsOfUser(db, { userId: user.id, now });
    found.push(email);
  }
  return found;
}
