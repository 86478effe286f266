// The one SmartBill call path for the setup calls, against the sandbox over HTTP: no connection means no
// call; every outcome is recorded on the connection; a SmartBill failure becomes a message key with
// SmartBill's own text as the detail; anything else is thrown as it is.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { smartbillConnections } from "@/db/schema";
import { expectAppError } from "@/test/expect";
import { DEMO, startSandbox, type Sandbox } from "@/test/sandbox";
import { createSchool } from "@/test/school";
import { withSmartBill } from "./smartbill-call";

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox?.close());

const db = () => sandbox.db.db;
const connectionOf = async (id: string) => (await db().select().from(smartbillConnections).where(eq(smartbillConnections.id, id)))[0]!;

describe("withSmartBill", () => {
  it("refuses an organisation without an active connection before calling anything", async () => {
    const org = await createSchool(db(), { name: "Not connected" });
    let called = false;
    const e = await expectAppError(
      withSmartBill(db(), org.id, async () => {
        called = true;
      }, { sb: sandbox.sb }),
    );
    expect([e.code, e.message, called]).toEqual(["conflict", "setup.notConnected", false]);
  });

  it("runs with the organisation's own credentials and records the success", async () => {
    const org = await createSchool(db(), { name: "Connected", connected: sandbox });
    const seen = await withSmartBill(db(), org.id, async (call) => ({ cif: call.creds.cif, connection: call.connection.id }), { sb: sandbox.sb });
    expect(seen).toEqual({ cif: DEMO.company.cif, connection: org.connection });
    expect((await connectionOf(org.connection!)).lastSuccessAt).toBeInstanceOf(Date);
  });

  it("records a SmartBill failure by its code and throws the screen's message key with SmartBill's text", async () => {
    const org = await createSchool(db(), { name: "Wrong token", connected: { sandbox, token: "not-the-right-token" } });
    const e = await expectAppError(
      withSmartBill(db(), org.id, (call) => call.sb.taxes.list(call.creds), { sb: sandbox.sb, failureKeys: (reason) => `screen.failure.${reason}` }),
    );
    expect([e.code, e.message, e.reason]).toEqual(["external", "screen.failure.credentials", "credentials"]);
    expect(e.detail).toEqual(expect.any(String));
    const c = await connectionOf(org.connection!);
    expect(c).toMatchObject({ lastErrorCode: "credentials", lastErrorOriginal: e.detail });
    expect(c.lastErrorAt).toBeInstanceOf(Date);
    expect(c.lastSuccessAt).toBeNull();
  });

  it("without the screen's keys, a SmartBill failure reads as smartbill.errors.<reason>", async () => {
    const org = await createSchool(db(), { name: "Wrong token, no keys", connected: { sandbox, token: "not-the-right-token" } });
    const e = await expectAppError(withSmartBill(db(), org.id, (call) => call.sb.series.list(call.creds), { sb: sandbox.sb }));
    expect([e.code, e.message, e.reason]).toEqual(["external", "smartbill.errors.credentials", "credentials"]);
    expect((await connectionOf(org.connection!)).lastErrorCode).toBe("credentials");
  });

  it("records any other failure as 'other' and throws it unchanged", async () => {
    const org = await createSchool(db(), { name: "Broken", connected: sandbox });
    const boom = new Error("not SmartBill's fault");
    await expect(withSmartBill(db(), org.id, async () => Promise.reject(boom), { sb: sandbox.sb })).rejects.toBe(boom);
    expect(await connectionOf(org.connection!)).toMatchObject({ lastErrorCode: "other", lastErrorOriginal: null });
  });
});
