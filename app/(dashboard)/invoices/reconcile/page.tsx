import type { Metadata } from "next";
import Link from "next/link";
import { ArrowLeft, CheckCircle2 } from "lucide-react";
import { Alert } from "@/components/ui/alert";
import { EmptyState, PageHeader } from "@/components/ui/card";
import { db } from "@/db";
import { countOpenAlarms, listOpenAlarms } from "@/db/queries/invoice-alarms";
import { requirePermission } from "@/lib/auth/session";
import { formatDateTime, formatMoney } from "@/lib/format";
import { getLocale, getT } from "@/lib/i18n";
import { gatherReconcileEvidence } from "@/lib/invoicing/reconcile-evidence";
import { workerDeps } from "@/lib/jobs/deps";
import { AlarmCards, type AlarmCard } from "./alarm-cards";
import { ReconcileCards, type ReconcileCard } from "./reconcile-cards";

export const metadata: Metadata = { title: "Invoices to reconcile" };

export default async function Page() {
  const member = await requirePermission("issueInvoices");
  const [t, locale] = await Promise.all([getT(), getLocale()]);
  // Live: SmartBill is asked now (through the shared rate limiter: one GET /series per company and one
  // paymentstatus per case whose series moved), so the page shows 20 cases at a time.
  const [{ cases, total }, alarmRows, alarmTotal] = await Promise.all([
    gatherReconcileEvidence({ ...workerDeps(), db }, member.org.id, { limit: 20 }),
    listOpenAlarms(db, member.org.id, { limit: 50 }),
    countOpenAlarms(db, member.org.id),
  ]);
  // Extra invoices SmartBill holds (each a storno for a person to make) come first.
  const alarms: AlarmCard[] = alarmRows.map(({ alarm: a, registration }) => ({
    id: a.id,
    number: `${a.seriesName}-${a.number}`,
    kind: a.kind,
    registration,
    when: formatDateTime(a.createdAt, locale),
  }));
  const cards: ReconcileCard[] = cases.map((c) => {
    const r = c.request;
    const candidate = c.candidate;
    return {
      id: r.id,
      registration: c.registration,
      clientName: c.client.name,
      total: formatMoney(r.totalBani, locale),
      series: r.seriesName,
      expected: c.expectedNumber ? `${r.seriesName}-${c.suggestedNumber ?? c.expectedNumber}` : null,
      suggestedNumber: c.suggestedNumber ?? "",
      nextNow: c.nextNumberNow === null ? null : String(c.nextNumberNow),
      candidate: candidate && {
        label: `${r.seriesName}-${candidate.number}`,
        state: candidate.state,
        total: candidate.totalBani === null ? null : formatMoney(candidate.totalBani, locale),
        matches: candidate.totalBani === r.totalBani,
      },
      sentAt: c.sentAt ? formatDateTime(c.sentAt, locale) : null,
      attempts: c.attempts.map((a) => ({ when: formatDateTime(a.startedAt, locale), outcome: a.outcome ?? "pending" })),
    };
  });
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
