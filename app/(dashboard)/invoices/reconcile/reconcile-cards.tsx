"use client";

import { useState } from "react";
import Link from "next/link";
import { useTranslations } from "use-intl";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { markNotCreatedAction } from "../actions/mark-not-created";
import { ConfirmAction } from "../_components/confirm-action";
import { LinkDialog } from "./link-dialog";

export interface ReconcileCard {
  id: string;
  registration: { id: string; reference: string; participantName: string };
  clientName: string;
  total: string;
  series: string;
  /** SERIES-NUMBER expected before sending. */
  expected: string | null;
  suggestedNumber: string;
  /** The series' next number in SmartBill now; null: unknown. */
  nextNow: string | null;
  candidate: { label: string; state: "found" | "not_found" | "unknown"; total: string | null; matches: boolean } | null;
  sentAt: string | null;
  attempts: { when: string; outcome: string }[];
}

function Row({ label, children, testId }: { label: string; children: React.ReactNode; testId?: string }) {
  return (
    <div className="grid grid-cols-[12rem_1fr] gap-2 py-1">
      <dt className="text-slate-500">{label}</dt>
      <dd data-testid={testId}>{children}</dd>
    </div>
  );
}

/** The cases, or `empty` when there are none (the notice of the last action stays above either). */
export function ReconcileCards({ cards, empty }: { cards: ReconcileCard[]; empty: React.ReactNode }) {
  const t = useTranslations("invoiceInbox");
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <div className="space-y-4">
      {notice && <Alert tone="success">{notice}</Alert>}
      {!cards.length && empty}
      {cards.map((c) => (
        <Card key={c.id} className="p-4" data-testid="reconcile-case" data-request-id={c.id}>
          <section aria-label={t("reconcile.card", { participant: c.registration.participantName })}>
            <div className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
              <div>
                <Link href={`/registrations/${c.registration.id}`} className="font-medium text-indigo-700 hover:underline">
                  {c.registration.participantName}
                </Link>
                <span className="ml-2 text-sm text-slate-500">
                  {c.registration.reference} · {c.clientName}
                </span>
              </div>
              <span className="font-medium tabular-nums">{c.total}</span>
            </div>
            <dl className="text-sm">
              <Row label={t("reconcile.expected")} testId="expected-number">
                {c.expected ?? t("reconcile.unknown")}
              </Row>
              <Row label={t("reconcile.nextNow")} testId="next-number-now">
                {c.nextNow ?? t("reconcile.unknown")}
              </Row>
              {c.nextNow && (
                <Row label={t("reconcile.candidate", { number: c.candidate?.label ?? c.expected ?? "" })} testId="candidate">
                  {!c.candidate
                    ? t("reconcile.noCandidate")
                    : c.candidate.state === "found"
                      ? `${t("reconcile.candidateTotal", { total: c.candidate.total ?? "" })} — ${c.candidate.matches ? t("reconcile.candidateMatches") : t("reconcile.candidateDiffers")}`
                      : c.candidate.state === "not_found"
                        ? t("reconcile.candidateNotFound", { number: c.candidate.label })
                        : t("reconcile.candidateUnknown", { number: c.candidate.label })}
                </Row>
              )}
              {c.sentAt && <Row label={t("reconcile.sentAt")}>{c.sentAt}</Row>}
              <Row label={t("reconcile.attempts")}>
                <ul>
                  {c.attempts.map((a, i) => (
                    <li key={i}>{t("reconcile.attempt", { when: a.when, outcome: t(`reconcile.outcomes.${a.outcome}` as never) })}</li>
                  ))}
                </ul>
              </Row>
            </dl>
            <div className="mt-3 flex flex-wrap gap-2">
              <LinkDialog requestId={c.id} series={c.series} suggested={c.suggestedNumber} onLinked={setNotice} />
              <ConfirmAction
                trigger={
                  <Button type="button" variant="secondary">
                    {t("reconcile.notCreated")}
                  </Button>
                }
                title={t("reconcile.notCreatedTitle")}
                body={<p>{t("reconcile.notCreatedBody", { series: c.series })}</p>}
                confirmLabel={t("reconcile.notCreatedConfirm")}
                variant="danger"
                run={() => markNotCreatedAction({ requestId: c.id })}
              />
            </div>
          </section>
        </Card>
      ))}
    </div>
  );
}
