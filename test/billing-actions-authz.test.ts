// The SmartBill wizard and billing settings are admin-only: every action refuses staff, accountants and
// callers without a session, before touching SmartBill or the database.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, billingSettings, setupProgress, smartbillConnections } from "@/db/schema";
import * as credentials from "@/app/(dashboard)/setup/actions/credentials";
import * as generation from "@/app/(dashboard)/setup/actions/generation";
import * as review from "@/app/(dashboard)/setup/actions/review";
import * as bank from "@/app/(dashboard)/setup/actions/bank";
import * as settings from "@/app/(dashboard)/settings/billing/actions";
import { createTestDb, type TestDb } from "./db";
import { createSchool, type School } from "./school";
import { actAs } from "./session";

let t: TestDb;
let school: School<"staff" | "accountant">;

beforeAll(async () => {
  t = await createTestDb({ app: true });
  school = await createSchool(t.db, { name: "Gamma", roles: ["staff", "accountant"] });
});
afterAll(() => t.drop());

async function snapshot() {
  return Promise.all([auditLog, smartbillConnections, billingSettings, setupProgress].map((tbl) => t.db.select().from(tbl)));
}

describe("billing actions", () => {
  it("refuse staff, accountants and anonymous callers and change nothing", async () => {
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
      actAs(who ? school[who] : null);
      for (const [name, call] of calls) {
        expect(await call(), `${name} as ${who ?? "anonymous"}`).toMatchObject({ ok: false, code: expected });
      }
    }
    expect(await snapshot()).toEqual(before);
  });
});
