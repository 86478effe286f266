// The school's slots: at most three creates hold one at a time, and a create slow to answer lets go.
import { randomUUID } from "node:crypto";
import { eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { invoiceRequests } from "@/db/schema";
import { createTestDb, type TestDb } from "@/test/db";
import { createInvoicingSchool } from "@/test/invoicing";
import { SCHOOL_CIF, startSandbox, type Sandbox } from "@/test/sandbox";
import { createManualRequest } from "../requests/manual";
import { claimNext, MAX_IN_FLIGHT, schoolAtCapacity, SLOW_ANSWER_MS } from "./claim";

let t: TestDb;
let sandbox: Sandbox;
beforeAll(async () => {
  t = await createTestDb();
  sandbox = await startSandbox({ db: t });
});
afterAll(async () => {
  await sandbox?.close();
  await t?.drop();
});

it("claims at most MAX_IN_FLIGHT at once; a create without an answer for SLOW_ANSWER_MS frees its slot", async () => {
  const s = await createInvoicingSchool(t, sandbox, { count: MAX_IN_FLIGHT + 2 });
  for (const registrationId of s.registrations) await createManualRequest(t.db, { orgId: s.orgId, actorUserId: s.staffId, registrationId, clientRequestId: randomUUID() });
  const ref = { orgId: s.orgId, cif: SCHOOL_CIF, series: "BRS" };
  const claims = [];
  for (let i = 0; i < MAX_IN_FLIGHT; i++) claims.push(await claimNext(t.db, ref, 60_000, "2026-12-07"));
  expect(claims.every((c) => typeof c !== "string")).toBe(true);
  expect(await claimNext(t.db, ref, 60_000, "2026-12-07")).toBe("at_capacity");
  expect(await schoolAtCapacity(t.db, s.orgId)).toBe(true);
  // One of them has waited longer than a SmartBill answer takes: most likely lost, it holds no slot.
  const [first] = claims as { id: string }[];
  await t.db
    .update(invoiceRequests)
    .set({ lastAttemptAt: sql`now() - make_interval(secs => ${SLOW_ANSWER_MS / 1000 + 1})` })
    .where(eq(invoiceRequests.id, first!.id));
  expect(await schoolAtCapacity(t.db, s.orgId)).toBe(false);
  expect(typeof (await claimNext(t.db, ref, 60_000, "2026-12-07"))).toBe("object");
  const statuses = await t.db.select({ status: invoiceRequests.status }).from(invoiceRequests).where(inArray(invoiceRequests.registrationId, s.registrations));
  expect(statuses.filter((r) => r.status === "issuing")).toHaveLength(MAX_IN_FLIGHT + 1);
  expect(await claimNext(t.db, ref, 60_000, "2026-12-07")).toBe("at_capacity");
});
