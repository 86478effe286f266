// The SmartBill wizard and billing settings are admin-only: every action refuses staff, accountants and
// callers without a session, before touching SmartBill or the database.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { auditLog, billingSettings, memberships, organisations, setupProgress, smartbillConnections, users } from "../db/schema";
import { createTestDb, type TestDb } from "./db";

let session: { user: { id: string } } | null = null;
vi.mock("next-auth", () => ({ getServerSession: vi.fn(async () => session) }));
vi.mock("next/headers", () => ({
  cookies: async () => ({ get: () => undefined, set: () => {} }),
  headers: async () => new Headers({ host: "localhost:3000" }),
}));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

let t: TestDb;
const ids: Record<"staff" | "accountant", string> = { staff: "", accountant: "" };

beforeAll(async () => {
  t = await createTestDb();
  process.env.DATABASE_URL = t.url;
  const [org] = await t.db.insert(organisations).values({ name: "Gamma" }).returning();
  for (const role of ["staff", "accountant"] as const) {
    const [u] = await t.db.insert(users).values({ email: `${role}@gamma.test`, name: role, passwordHash: "x" }).returning();
    await t.db.insert(memberships).values({ orgId: org!.id, userId: u!.id, role });
    ids[role] = u!.id;
  }
});
afterAll(async () => {
  const { getDbHandle } = await import("../db");
  await getDbHandle().close();
  await t.drop();
});

async function snapshot() {
  return Promise.all([auditLog, smartbillConnections, billingSettings, setupProgress].map((tbl) => t.db.select().from(tbl)));
}

describe("billing actions", () => {
  it("refuse staff, accountants and anonymous callers and change nothing", async () => {
    const credentials = await import("../app/(dashboard)/setup/actions/credentials");
    const generation = await import("../app/(dashboard)/setup/actions/generation");
    const review = await import("../app/(dashboard)/setup/actions/review");
    const bank = await import("../app/(dashboard)/setup/actions/bank");
    const settings = await import("../app/(dashboard)/settings/billing/actions");
    const calls: [string, () => Promise<{ ok: boolean; code?: string }>][] = [
      ["verifyCredentials", () => credentials.verifyCredentialsAction({ username: "a@b.ro", token: "token-12345", cif: "RO12345674" })],
      ["connectSandbox", () => credentials.connectSandboxAction({})],
      ["saveGeneration", () => generation.saveGenerationAction({ mode: "manual", triggerDebtCleared: true, triggerDownPayment: true })],
      ["skipBank", () => bank.skipBankAction({})],
      ["issueTestDraft", () => review.issueTestDraftAction({})],
      ["finishSetup", () => review.finishSetupAction({})],
      ["reverify", () => settings.reverifyAction({})],
      ["changeToken", () => settings.changeTokenAction({ token: "token-12345" })],
      ["disconnect", () => settings.disconnectAction({})],
      ["reconnect", () => settings.reconnectAction({})],
    ];
    const before = await snapshot();
    for (const [who, expected] of [[null, "unauthenticated"], ["staff", "forbidden"], ["accountant", "forbidden"]] as const) {
      session = who ? { user: { id: ids[who] } } : null;
      for (const [name, call] of calls) {
        expect(await call(), `${name} as ${who ?? "anonymous"}`).toMatchObject({ ok: false, code: expected });
      }
    }
    expect(await snapshot()).toEqual(before);
  });
});
