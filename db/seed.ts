// The demo school. Idempotent: runs on every `npm start`, creates only what is missing.
import { eq } from "drizzle-orm";
import { hashPassword } from "../lib/auth/password";
import { DEMO_SMARTBILL, seedSandboxDemo } from "../lib/smartbill-sandbox/demo";
import { createDb } from "./client";
import { memberships, organisations, users, type Role } from "./schema";

export const DEMO_ORG_NAME = "Școala Demo";
export const DEMO_PASSWORD = "demo-password";
export const DEMO_USERS: { email: string; name: string; role: Role }[] = [
  { email: "admin@demo.bursar.test", name: "Ana Admin", role: "admin" },
  { email: "staff@demo.bursar.test", name: "Sorin Staff", role: "staff" },
  { email: "accountant@demo.bursar.test", name: "Carmen Contabil", role: "accountant" },
];

export async function seedDemoIfEmpty(url: string, baseUrl: string): Promise<void> {
  const sandboxOn = process.env.SMARTBILL_SANDBOX !== "off";
  const h = createDb(url, { max: 1 });
  try {
    const [admin] = await h.db.select().from(users).where(eq(users.email, DEMO_USERS[0]!.email));
    if (!admin) {
      const passwordHash = await hashPassword(DEMO_PASSWORD);
      await h.db.transaction(async (tx) => {
        const [org] = await tx.insert(organisations).values({ name: DEMO_ORG_NAME }).returning();
        for (const u of DEMO_USERS) {
          const [row] = await tx
            .insert(users)
            .values({ email: u.email, name: u.name, passwordHash })
            .returning();
          await tx.insert(memberships).values({ orgId: org!.id, userId: row!.id, role: u.role });
        }
      });
    }
    if (sandboxOn) await seedSandboxDemo(h.sql);
  } finally {
    await h.close();
  }
  const lines = [
    "",
    `  Bursar is starting at ${baseUrl}`,
    `  Demo school "${DEMO_ORG_NAME}" — password for every demo user: ${DEMO_PASSWORD}`,
    ...DEMO_USERS.map((u) => `    ${u.role.padEnd(10)} ${u.email}`),
    // Never a token in the log: the wizard's "Use the sandbox" connects the demo account without one.
    ...(sandboxOn ? [`  SmartBill sandbox login: ${DEMO_SMARTBILL.email} (connect it with "Use the sandbox" in the setup wizard)`] : []),
    "",
  ];
  console.log(lines.join("\n"));
}
