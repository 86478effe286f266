// createManualRequest's clientRequestId: the same click again returns its request; the same id for
// another registration is refused (never that other registration's request).
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { invoiceRequests } from "@/db/schema";
import { createTestDb, type TestDb } from "@/test/db";
import { expectAppError } from "@/test/expect";
import { createInvoicingSchool } from "@/test/invoicing";
import { startSandbox, type Sandbox } from "@/test/sandbox";
import { createManualRequest } from "./manual";

let t: TestDb;
let sandbox: Sandbox;
beforeAll(async () => {
  t = await createTestDb();
  sandbox = await startSandbox({ db: t });
}, 120_000);
afterAll(async () => {
  await sandbox?.close();
  await t?.drop();
});

describe("createManualRequest and its clientRequestId", () => {
  it("the same id for the same registration returns the existing request", async () => {
    const s = await createInvoicingSchool(t, sandbox, { count: 1 });
    const c = { orgId: s.orgId, actorUserId: s.staffId, registrationId: s.registrations[0]!, clientRequestId: randomUUID() };
    const first = await createManualRequest(t.db, c);
    expect(first.created).toBe(true);
    const again = await createManualRequest(t.db, c);
    expect(again).toMatchObject({ created: false, request: { id: first.request.id } });
  });

  it("the same id for another registration is a conflict, and makes nothing for it", async () => {
    const s = await createInvoicingSchool(t, sandbox, { count: 2 });
    const clientRequestId = randomUUID();
    const first = await createManualRequest(t.db, { orgId: s.orgId, actorUserId: s.staffId, registrationId: s.registrations[0]!, clientRequestId });
    const e = await expectAppError(createManualRequest(t.db, { orgId: s.orgId, actorUserId: s.staffId, registrationId: s.registrations[1]!, clientRequestId }));
    expect(e).toMatchObject({ code: "conflict", message: "invoicing.errors.requestIdReused" });
    const ofSecond = await t.db.select().from(invoiceRequests).where(and(eq(invoiceRequests.orgId, s.orgId), eq(invoiceRequests.registrationId, s.registrations[1]!)));
    expect(ofSecond).toEqual([]);
    // The first registration's request is untouched, and a fresh id still issues for the second.
    expect((await createManualRequest(t.db, { orgId: s.orgId, actorUserId: s.staffId, registrationId: s.registrations[0]!, clientRequestId })).request.id).toBe(first.request.id);
    expect((await createManualRequest(t.db, { orgId: s.orgId, actorUserId: s.staffId, registrationId: s.registrations[1]!, clientRequestId: randomUUID() })).created).toBe(true);
  });

  it("another school's id is its own: the same uuid makes a request in each school", async () => {
    const a = await createInvoicingSchool(t, sandbox, { count: 1 });
    const b = await createInvoicingSchool(t, sandbox, { count: 1 });
    const clientRequestId = randomUUID();
    expect((await createManualRequest(t.db, { orgId: a.orgId, actorUserId: a.staffId, registrationId: a.registrations[0]!, clientRequestId })).created).toBe(true);
    expect((await createManualRequest(t.db, { orgId: b.orgId, actorUserId: b.staffId, registrationId: b.registrations[0]!, clientRequestId })).created).toBe(true);
  });
});
