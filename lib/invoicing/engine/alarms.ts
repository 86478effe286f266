import "server-only";
import type { Database } from "@/db";
import { getInvoiceAlarm, markAlarmResolved } from "@/db/queries/invoice-alarms";
import type { InvoiceAlarm } from "@/db/schema";
import { writeAudit } from "@/lib/audit";
import { AppError } from "@/lib/errors";

// An alarm is an invoice SmartBill holds that no request could take as its own (a late answer for a
// claim that had moved on, or a second document carrying one request's mark). Bursar cannot cancel it:
// a person does the storno in SmartBill and then says so here. Resolving only records that.

export interface ResolveAlarmCommand {
  orgId: string;
  actorUserId: string | null;
  alarmId: string;
  /** What the person did (e.g. "storno BRS-0043"), kept in the audit; optional. */
  note?: string | null;
}

export interface ResolvedAlarm {
  alarm: InvoiceAlarm;
  /** false: it was resolved already (a second click, or another person); nothing changed. */
  resolved: boolean;
}

/** "Resolved (I handled it in SmartBill)": the alarm leaves the inbox; who, when and the note go to the audit. */
export async function resolveAlarm(db: Database, c: ResolveAlarmCommand): Promise<ResolvedAlarm> {
  return db.transaction(async (tx) => {
    const alarm = await markAlarmResolved(tx, c.orgId, c.alarmId, c.actorUserId);
    if (!alarm) {
      const existing = await getInvoiceAlarm(tx, c.orgId, c.alarmId);
      if (!existing) throw new AppError("not_found", "invoicing.errors.alarmNotFound");
      return { alarm: existing, resolved: false };
    }
    const note = c.note?.trim() || null;
    await writeAudit(tx, {
      orgId: c.orgId,
      actorUserId: c.actorUserId,
      action: "invoice.alarm_resolved",
      entityType: "invoice_alarm",
      entityId: alarm.id,
      details: { kind: alarm.kind, companyCif: alarm.companyCif, seriesName: alarm.seriesName, number: alarm.number, requestId: alarm.requestId, note },
    });
    return { alarm, resolved: true };
  });
}
