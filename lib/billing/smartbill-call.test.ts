// The one SmartBill call path for the setup calls, against the sandbox over HTTP: no connection means no
// call; every outcome is recorded on the connection; a SmartBill failure becomes a message key with
// SmartBill's own text as the detail; anything else is thrown as it is.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO, expectAppError, startBillingTestbed, type BillingTestbed } from "../../test/billing-testbed";
import { smartbillConnections } from "../../db/schema";
import { withSmartBill } from "./smartbill-call";

let bed: BillingTestbed;
beforeAll(async () => {
  bed = await startBillingTestbed();
});
afterAll(() => bed?.close());

const connectionOf = async (id: string) => (await bed.t.db.select().from(smartbillConnections).where(eq(smartbillConnections.id, id)))[0]!;

describe("withSmartBill", () => {
  it("refuses an organisation without an active connection before calling anything", async () => {
    const org = await bed.makeOrg("Not connected");
    let called = false;
    const e = await expectAppError(
      withSmartBill(bed.t.db, org.id, async () => {
        called = true;
      }, { sb: bed.sb }),
    );
    expect([e.code, e.message, called]).toEqual(["conflict", "setup.notConnected", false]);
  });

  it("runs with the organisation's own credentials and records the success", async () => {
    const org = await bed.makeOrg("Connected", { cif: DEMO.company.cif });
    const seen = await withSmartBill(bed.t.db, org.id, async (call) => ({ cif: call.creds.cif, connection: call.connection.id }), { sb: bed.sb });
    expect(seen).toEqual({ cif: DEMO.company.cif, connection: org.connection });
    expect((await connectionOf(org.connection!)).lastSuccessAt).toBeInstanceOf(Date);
  });

  it("records a SmartBill failure by its code and throws the screen's message key with SmartBill's text", async () => {
    const org = await bed.makeOrg("Wrong token", { cif: DEMO.company.cif, token: "not-the-right-token" });
    const e = await expectAppError(
      withSmartBill(bed.t.db, org.id, (call) => call.sb.taxes.list(call.creds), { sb: bed.sb, failureKeys: (reason) => `screen.failure.${reason}` }),
    );
    expect([e.code, e.message]).toEqual(["external", "screen.failure.credentials"]);
    expect(e.detail).toEqual(expect.any(String));
    const c = await connectionOf(org.connection!);
    expect(c).toMatchObject({ lastErrorCode: "credentials", lastErrorOriginal: e.detail });
    expect(c.lastErrorAt).toBeInstanceOf(Date);
    expect(c.lastSuccessAt).toBeNull();
  });

  it("records any other failure as 'other' and throws it unchanged", async () => {
    const org = await bed.makeOrg("Broken", { cif: DEMO.company.cif });
    const boom = new Error("not SmartBill's fault");
    await expect(withSmartBill(bed.t.db, org.id, async () => Promise.reject(boom), { sb: bed.sb })).rejects.toBe(boom);
    expect(await connectionOf(org.connection!)).toMatchObject({ lastErrorCode: "other", lastErrorOriginal: null });
  });
});
