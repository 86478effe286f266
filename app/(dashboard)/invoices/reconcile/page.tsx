import type { Metadata } from "next";
import Link from "next/link";
import { ArrowLeft, CheckCircle2 } from "lucide-react";
import { Alert } from "@/components/ui/alert";
import { EmptyState, PageHeader } from "@/components/ui/card";
import { db } from "@/db";
import { countOpenAlarms, listOpenAlarms } from "@/db/queries/invoice-alarms";
import { requirePermission } from "@/lib/auth/session";
import { formatDateTime, formatMoney, formatTime } from "@/lib/format";
import { getLocale, getT } from "@/lib/i18n";
import { markText, listReconcileCases, type ReconcileCase } from "@/lib/invoicing";
import { workerDeps } from "@/lib/jobs/deps";
import { AlarmCards, type AlarmCard } from "./alarm-cards";
import { ReconcileCards, type ReconcileCard } from "./reconcile-cards";

export const metadata: Metadata = { title: "Invoices to reconcile" };

function cardOf(c: ReconcileCase, locale: string): ReconcileCard {
  const r = c.request;
  const label = (n: string) => `${r.seriesName}-${n}`;
  return {
    id: r.id,
    registration: c.registration,
    clientName: c.client.name,
    total: formatMoney(r.totalBani, locale),
    series: r.seriesName,
    mark: c.mark ? markText(c.mark) : null,
    sentAt: c.sentAt ? formatDateTime(c.sentAt, locale) : null,
    firstNumber: c.fromNumber ? label(c.fromNumber) : null,
    // Written like the numbers around it (BRS-0026, not 26) when the series pads them.
    nextNumber: c.nextNumberNow && c.fromNumber?.startsWith("0") ? label(c.nextNumberNow.padStart(c.fromNumber.length, "0")) : c.nextNumberNow,
    checkedAt: c.evidence ? formatDateTime(c.evidence.checkedAt, locale) : null,
    checkAt: !c.evidence && c.inGrace && c.graceEndsAt ? formatTime(c.graceEndsAt, locale) : null,
    candidates: c.candidates.map((x) => ({
      label: label(x.number),
      read: x.read,
      marks: x.marks.map(markText).join(", "),
      total: x.totalBani === null ? null : formatMoney(x.totalBani, locale),
      totalMatches: x.totalBani === r.totalBani,
      detail: x.detail ?? null,
    })),
    skipped: c.evidence?.skipped ?? 0,
    verdict: !c.mark ? "noMark" : (c.evidence?.verdict ?? null),
    ownLabels: c.ownNumbers.map(label).join(", "),
    unreadableLabels: c.candidates.filter((x) => x.read === "unreadable").map((x) => label(x.number)),
    suggestedNumber: c.suggestedNumber ?? "",
    canMarkNotCreated: c.canMarkNotCreated,
    attempts: c.attempts.map((a) => ({ when: formatDateTime(a.startedAt, locale), outcome: a.outcome ?? "pending" })),
  };
}

export default async function Page() {
  const member = await requirePermission("issueInvoices");
  const [t, locale] = await Promise.all([getT(), getLocale()]);
  // From the database only: what reconcile last read is stored on each request. SmartBill is asked when a
  // person presses "Check again", "Link" or "Not created", never when the page loads.
  const [{ cases, total }, alarmRows, alarmTotal] = await Promise.all([
    listReconcileCases({ ...workerDeps(), db }, member.org.id, { limit: 20 }),
    listOpenAlarms(db, member.org.id, { limit: 50 }),
    countOpenAlarms(db, member.org.id),
  ]);
  const cards = cases.map((c) => cardOf(c, locale));
  // Extra invoices SmartBill holds (each a storno for a person to make) come first.
  const alarms: AlarmCard[] = alarmRows.map(({ alarm: a, registration }) => ({
    id: a.id,
    number: `${a.seriesName}-${a.number}`,
    kind: a.kind,
    registration,
    when: formatDateTime(a.createdAt, locale),
  }));
  return (
    <>
      <Link href="/invoices" className="mb-3 inline-flex items-center gap-1 text-sm text-slate-600 hover:text-indigo-700">
        <ArrowLeft className="size-4" aria-hidden />
        {t("invoiceInbox.common.back")}
      </Link>
      <PageHeader title={t("invoiceInbox.reconcile.title")} description={t("invoiceInbox.reconcile.description")} />
      <AlarmCards alarms={alarms} total={alarmTotal} />
      <Alert tone="info" className="mb-4">
        {t("invoiceInbox.reconcile.automatic")}
      </Alert>
      <ReconcileCards
        cards={cards}
        empty={
          <EmptyState icon={<CheckCircle2 className="size-10" aria-hidden />} title={t("invoiceInbox.reconcile.emptyTitle")}>
            <p>{t("invoiceInbox.reconcile.emptyBody")}</p>
          </EmptyState>
        }
      />
      {total > cards.length && <p className="mt-4 text-sm text-slate-600">{t("invoiceInbox.common.shown", { from: 1, to: cards.length, total })}</p>}
    </>
  );
}
