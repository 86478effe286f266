// The alarms inbox: open alarms per school (with the registration they name), and resolving one: who,
// when, the audit, once. Alarms are written here as the engine writes them (a row per document).
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countOpenAlarms, getInvoiceAlarm, listOpenAlarms } from "@/db/queries/invoice-alarms";
import { countInbox } from "@/db/queries/invoice-inbox";
import { auditLog, invoiceAlarms, type InvoiceAlarmKind } from "@/db/schema";
import { createTestDb, type TestDb } from "@/test/db";
import { expectAppError } from "@/test/expect";
import { createInvoicingSchool, type InvoicingSchool } from "@/test/invoicing";
import { SCHOOL_CIF, startSandbox, type Sandbox } from "@/test/sandbox";
import { resolveAlarm } from "./alarms";
import { createManualRequest } from "../requests/manual";

let t: TestDb;
let sandbox: Sandbox;
let A: InvoicingSchool;
let B: InvoicingSchool;
let requestA = "";

beforeAll(async () => {
  t = await createTestDb();
  sandbox = await startSandbox({ db: t });
  A = await createInvoicingSchool(t, sandbox, { count: 1 });
  B = await createInvoicingSchool(t, sandbox, { count: 1 });
  requestA = (await createManualRequest(t.db, { orgId: A.orgId, actorUserId: A.staffId, registrationId: A.registrations[0]!, clientRequestId: randomUUID() })).request.id;
}, 120_000);
afterAll(async () => {
  await sandbox?.close();
  await t?.drop();
});

let n = 100;
async function addAlarm(orgId: string, kind: InvoiceAlarmKind, requestId: string | null, createdAt = new Date()) {
  const [row] = await t.db
    .insert(invoiceAlarms)
    .values({ orgId, kind, requestId, companyCif: SCHOOL_CIF, seriesName: "BRS", number: String(n++).padStart(4, "0"), createdAt })
    .returning();
  return row!;
}

const auditOf = (orgId: string, alarmId: string) =>
  t.db.select().from(auditLog).where(and(eq(auditLog.orgId, orgId), eq(auditLog.entityType, "invoice_alarm"), eq(auditLog.entityId, alarmId)));

describe("open alarms", () => {
  it("lists the school's own open alarms, newest first, with the registration of the request they name", async () => {
    const older = await addAlarm(A.orgId, "late_answer", requestA, new Date(Date.now() - 60_000));
    const newer = await addAlarm(A.orgId, "duplicate", null);
    const other = await addAlarm(B.orgId, "duplicate", null);
    const rows = await listOpenAlarms(t.db, A.orgId, { limit: 10 });
    expect(rows.map((r) => r.alarm.id)).toEqual([newer.id, older.id]);
    expect(rows[1]!.registration).toMatchObject({ id: A.registrations[0] });
    expect(rows[1]!.registration!.participantName).toBe("Copil 1");
    expect(rows[0]!.registration).toBeNull();
    expect(await listOpenAlarms(t.db, A.orgId, { limit: 1 })).toHaveLength(1);
    expect(await countOpenAlarms(t.db, A.orgId)).toBe(2);
    expect((await countInbox(t.db, A.orgId)).alarms).toBe(2);
    expect((await listOpenAlarms(t.db, B.orgId, { limit: 10 })).map((r) => r.alarm.id)).toEqual([other.id]);
    // Clean up for the next test: resolve them all.
    for (const a of [older, newer]) await resolveAlarm(t.db, { orgId: A.orgId, actorUserId: A.staffId, alarmId: a.id });
    await resolveAlarm(t.db, { orgId: B.orgId, actorUserId: B.staffId, alarmId: other.id });
    expect(await countOpenAlarms(t.db, A.orgId)).toBe(0);
  });
});

describe("resolveAlarm", () => {
  it("sets resolved_at and resolved_by, writes one audit row with the note, and takes the alarm off the inbox", async () => {
    const alarm = await addAlarm(A.orgId, "late_answer", requestA);
    const res = await resolveAlarm(t.db, { orgId: A.orgId, actorUserId: A.staffId, alarmId: alarm.id, note: "  storno BRS-0107 made  " });
    expect(res.resolved).toBe(true);
    expect(res.alarm.resolvedAt).toBeInstanceOf(Date);
    expect(res.alarm.resolvedBy).toBe(A.staffId);
    expect(await listOpenAlarms(t.db, A.orgId, { limit: 10 })).toEqual([]);
    expect((await countInbox(t.db, A.orgId)).alarms).toBe(0);
    const audit = await auditOf(A.orgId, alarm.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: "invoice.alarm_resolved",
      actorUserId: A.staffId,
      details: { kind: "late_answer", seriesName: "BRS", number: alarm.number, requestId: requestA, note: "storno BRS-0107 made" },
    });
  });

  it("a second resolve changes nothing: the first person and time stay, no second audit row", async () => {
    const alarm = await addAlarm(A.orgId, "duplicate", requestA);
    const first = await resolveAlarm(t.db, { orgId: A.orgId, actorUserId: A.staffId, alarmId: alarm.id, note: null });
    const second = await resolveAlarm(t.db, { orgId: A.orgId, actorUserId: A.adminId, alarmId: alarm.id, note: "again" });
    expect(second.resolved).toBe(false);
    expect(second.alarm.resolvedBy).toBe(A.staffId);
    expect(second.alarm.resolvedAt).toEqual(first.alarm.resolvedAt);
    expect(await auditOf(A.orgId, alarm.id)).toHaveLength(1);
    expect((await auditOf(A.orgId, alarm.id))[0]!.details).toMatchObject({ note: null });
  });

  it("another school's alarm, or an unknown one, is not found and stays open", async () => {
    const alarm = await addAlarm(B.orgId, "late_answer", null);
    expect(await expectAppError(resolveAlarm(t.db, { orgId: A.orgId, actorUserId: A.staffId, alarmId: alarm.id }))).toMatchObject({ code: "not_found", message: "invoicing.errors.alarmNotFound" });
    expect(await expectAppError(resolveAlarm(t.db, { orgId: A.orgId, actorUserId: A.staffId, alarmId: randomUUID() }))).toMatchObject({ code: "not_found" });
    expect((await getInvoiceAlarm(t.db, B.orgId, alarm.id))!.resolvedAt).toBeNull();
    expect(await auditOf(B.orgId, alarm.id)).toEqual([]);
  });
});
