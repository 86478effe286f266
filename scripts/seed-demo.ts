// The demo: the demo school, then every further demo step, in order. Run by `npm start` / `npm run dev`
// / `npm run db:seed` through scripts/with-db.ts. Idempotent: each step creates only what is missing.
// Refuses (skips) when the demo is off — by default under NODE_ENV=production, see lib/demo-mode.ts —
// and then disables demo users left from an earlier demo run (lib/auth/demo-accounts.ts).
import type postgres from "postgres";
import { createDb, type Database } from "../db/client";
import { DEMO_ORG_NAME, DEMO_PASSWORD, DEMO_USERS, insertDemoSchool } from "../db/seed";
import { disableDemoAccounts } from "../lib/auth/demo-accounts";
import { hashPassword } from "../lib/auth/password";
import { isDemoEnabled, isSandboxSwitchOn, type SwitchEnv } from "../lib/demo-mode";
import { seedSandboxDemo } from "../lib/smartbill-sandbox/demo";
import { seedDemoImports } from "./demo/imports";
import { seedDemoInvoicing } from "./demo/invoicing";
import { seedDemoRegistrations } from "./demo/registrations";

export interface DemoContext {
  db: Database;
  sql: postgres.Sql;
  /** The demo school. */
  orgId: string;
  env: SwitchEnv;
}

interface DemoStep {
  name: string;
  when?: (env: SwitchEnv) => boolean;
  run(ctx: DemoContext): Promise<void>;
}

// Add demo data here (each step idempotent; the demo school exists when they run).
const STEPS: DemoStep[] = [
  // Courses over two terms, ~300 registrations in every payment state (staff see a full table).
  { name: "registrations", run: async ({ db, orgId }) => void (await seedDemoRegistrations(db, orgId)) },
  // Two finished CSV imports (one refused for a row in error) on /registrations/import.
  { name: "import history", run: async ({ db, orgId }) => void (await seedDemoImports(db, orgId)) },
  // The published demo account of the built-in sandbox, for typing credentials by hand.
  { name: "sandbox demo account", when: isSandboxSwitchOn, run: ({ sql }) => seedSandboxDemo(sql) },
  // Connected to that account and already invoicing: issued invoices, one failed one to retry.
  { name: "invoicing", when: isSandboxSwitchOn, run: async ({ db, sql, orgId }) => void (await seedDemoInvoicing(db, sql, orgId)) },
];

export async function seedDemo(url: string, opts: { baseUrl: string; env?: SwitchEnv; log?: (line: string) => void }): Promise<"seeded" | "skipped"> {
  const env = opts.env ?? process.env;
  const log = opts.log ?? ((l: string) => console.log(l));
  const h = createDb(url, { max: 1 });
  if (!isDemoEnabled(env)) {
    log("[bursar] demo school not seeded: BURSAR_DEMO is off (set BURSAR_DEMO=on to seed it).");
    try {
      const disabled = await disableDemoAccounts(h.db);
      if (disabled.length) {
        log(
          `[bursar] demo users disabled: ${disabled.join(", ")} — BURSAR_DEMO is off and their password is published, ` +
            "so their sign-in is refused and their sessions were ended. They work again only with BURSAR_DEMO=on.",
        );
      }
    } finally {
      await h.close();
    }
    return "skipped";
  }
  try {
    const { orgId } = await insertDemoSchool(h.db, () => hashPassword(DEMO_PASSWORD));
    for (const step of STEPS) {
      if (!step.when || step.when(env)) await step.run({ db: h.db, sql: h.sql, orgId, env });
    }
  } finally {
    await h.close();
  }
  log(
    [
      "",
      `  Bursar is starting at ${opts.baseUrl}`,
      `  Demo school "${DEMO_ORG_NAME}" — password for every demo user: ${DEMO_PASSWORD}`,
      ...DEMO_USERS.map((u) => `    ${u.role.padEnd(10)} ${u.email}`),
      ...(isSandboxSwitchOn(env) ? ["  SmartBill sandbox: on — the demo school is connected to its demo account; a new school uses \"Use the sandbox\""] : []),
      "",
    ].join("\n"),
  );
  return "seeded";
}
