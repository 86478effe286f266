"use client";

import { useState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "use-intl";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { useErrorText } from "@/components/use-error-text";
import type { CandidateRead, ProofVerdict } from "@/db/schema";
import { formatTime } from "@/lib/format";
import { checkAgainAction } from "../actions/check-again";
import { markNotCreatedAction } from "../actions/mark-not-created";
import { ConfirmAction } from "../_components/confirm-action";
import { LinkDialog } from "./link-dialog";

export interface ReconcileCandidate {
  /** SERIES-NUMBER. */
  label: string;
  read: CandidateRead;
  /** The marks found on it, as printed ("Ref. Bursar …"). */
  marks: string;
  /** own_mark: its total in SmartBill. */
  total: string | null;
  totalMatches: boolean;
  /** unreadable: what SmartBill answered. */
  detail: string | null;
}

export interface ReconcileCard {
  id: string;
  registration: { id: string; reference: string; participantName: string };
  clientName: string;
  total: string;
  series: string;
  /** "Ref. Bursar XXXXX-XXXXX"; null for a request from before marks. */
  mark: string | null;
  sentAt: string | null;
  /** SERIES-NUMBER: the first number the create could take. */
  firstNumber: string | null;
  /** The series' next number at the last check; null: not checked yet. */
  nextNumber: string | null;
  /** When Bursar last read the documents; null: not checked yet. */
  checkedAt: string | null;
  /** HH:MM the grace period ends, while it runs and nothing was read yet. */
  checkAt: string | null;
  candidates: ReconcileCandidate[];
  skipped: number;
  /** What the last check concluded ("noMark": the request has no mark); null: not checked yet. */
  verdict: ProofVerdict | "noMark" | null;
  /** SERIES-NUMBER(s) of the documents with this request's mark. */
  ownLabels: string;
  unreadableLabels: string[];
  /** The number to prefill in Link (digits as SmartBill writes them), "" when none carries the mark. */
  suggestedNumber: string;
  canMarkNotCreated: boolean;
  attempts: { when: string; outcome: string }[];
}

function Row({ label, children, testId }: { label: string; children: React.ReactNode; testId?: string }) {
  return (
    <div className="grid gap-x-2 py-1 sm:grid-cols-[16rem_1fr]">
      <dt className="text-slate-500">{label}</dt>
      <dd data-testid={testId}>{children}</dd>
    </div>
  );
}

function Carried({ c, expected }: { c: ReconcileCandidate; expected: string }) {
  const t = useTranslations("invoiceInbox.reconcile.read");
  switch (c.read) {
    case "own_mark":
      return (
        <>
          <span className="font-medium text-emerald-800">{t("own_mark")}</span>
          {c.total && <span className={c.totalMatches ? "text-slate-700" : "text-amber-800"}>{" — "}{c.totalMatches ? t("ownTotalSame", { total: c.total }) : t("ownTotalDiffers", { total: c.total, expected })}</span>}
        </>
      );
    case "other_mark":
      return <>{t("other_mark", { marks: c.marks })}</>;
    case "no_mark":
      return <>{t("no_mark")}</>;
    default:
      return <span className="text-amber-800">{t("unreadable", { detail: c.detail ?? "?" })}</span>;
  }
}

/** The verdict of the last check, or when the first check comes, in plain words. */
function Verdict({ c }: { c: ReconcileCard }) {
  const t = useTranslations("invoiceInbox.reconcile");
  if (!c.verdict) return <p data-testid="verdict">{c.checkAt ? t("willCheck", { time: c.checkAt }) : t("notChecked")}</p>;
  const text =
    c.verdict === "noMark"
      ? t("verdicts.noMark")
      : c.verdict === "unreadable"
        ? t("verdicts.unreadable", { count: c.unreadableLabels.length })
        : t(`verdicts.${c.verdict}`, { number: c.ownLabels, series: c.series });
  const tone = c.verdict === "linked" || c.verdict === "not_created" ? "info" : "warning";
  return (
    <Alert tone={tone}>
      <span data-testid="verdict">{text}</span>
    </Alert>
  );
}

function CheckAgain({ id, onSettled }: { id: string; onSettled: (notice: string) => void }) {
  const t = useTranslations("invoiceInbox.reconcile");
  const locale = useLocale();
  const errorText = useErrorText();
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [said, setSaid] = useState<{ tone: "info" | "error"; text: string } | null>(null);

  async function run() {
    setPending(true);
    setSaid(null);
    try {
      const res = await checkAgainAction({ requestId: id });
      if (!res.ok) {
        setSaid({ tone: "error", text: [errorText(res), res.detail].filter(Boolean).join(" ") });
        return;
      }
      const d = res.data;
      if (d.outcome === "linked" || d.outcome === "proved_not_created") onSettled(t(`checked.${d.outcome}`, { number: d.linked ?? "" }));
      else if (d.outcome === "too_early") setSaid({ tone: "info", text: t("checked.too_early", { time: d.checkAfter ? formatTime(d.checkAfter, locale) : "" }) });
      else setSaid({ tone: "info", text: t(`checked.${d.outcome}`) });
      router.refresh();
    } finally {
      setPending(false);
    }
  }

  return (
    <>
      <Button type="button" variant="secondary" pending={pending} onClick={run}>
        {t("checkAgain")}
      </Button>
      {said && (
        <Alert tone={said.tone} className="basis-full">
          {said.text}
        </Alert>
      )}
    </>
  );
}

function CaseCard({ c, onNotice }: { c: ReconcileCard; onNotice: (notice: string) => void }) {
  const t = useTranslations("invoiceInbox");
  return (
    <Card className="p-4" data-testid="reconcile-case" data-request-id={c.id}>
      <section aria-label={t("reconcile.card", { participant: c.registration.participantName })} className="space-y-3">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
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
          <Row label={t("common.series")}>{c.series}</Row>
          <Row label={t("reconcile.mark")} testId="mark">
            {c.mark ? <span className="font-mono">{c.mark}</span> : t("reconcile.noMark")}
          </Row>
          {c.sentAt && <Row label={t("reconcile.sentAt")}>{c.sentAt}</Row>}
          <Row label={t("reconcile.firstNumber")} testId="first-number">
            {c.firstNumber ?? t("reconcile.unknown")}
          </Row>
          <Row label={t("reconcile.nextNumber")} testId="next-number">
            {c.nextNumber ?? t("reconcile.notCheckedShort")}
          </Row>
          <Row label={t("reconcile.attempts")}>
            <ul>
              {c.attempts.map((a, i) => (
                <li key={i}>{t("reconcile.attempt", { when: a.when, outcome: t(`reconcile.outcomes.${a.outcome}` as never) })}</li>
              ))}
            </ul>
          </Row>
        </dl>

        {c.checkedAt && (
          <div className="text-sm">
            <h3 className="font-medium">
              {t("reconcile.readTitle")}
            </h3>
            <p className="text-xs text-slate-500">{t("reconcile.checkedAt", { when: c.checkedAt })}</p>
            {c.candidates.length > 0 ? (
              <div className="mt-2 overflow-x-auto rounded-md border border-slate-200">
                <table className="w-full text-left text-sm" data-testid="candidates">
                  <caption className="sr-only">{t("reconcile.readCaption", { participant: c.registration.participantName })}</caption>
                  <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase text-slate-500">
                    <tr>
                      <th scope="col" className="px-3 py-2">
                        {t("reconcile.colInvoice")}
                      </th>
                      <th scope="col" className="px-3 py-2">
                        {t("reconcile.colCarried")}
                      </th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    {c.candidates.map((x) => (
                      <tr key={x.label} data-testid="candidate" data-read={x.read} className="align-top">
                        <th scope="row" className="whitespace-nowrap px-3 py-2 font-medium tabular-nums">
                          {x.label}
                        </th>
                        <td className="px-3 py-2">
                          <Carried c={x} expected={c.total} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : (
              <p className="mt-1">{t("reconcile.nothingRead")}</p>
            )}
            {c.skipped > 0 && <p className="mt-1 text-xs text-slate-500">{t("reconcile.skipped", { count: c.skipped })}</p>}
          </div>
        )}

        <Verdict c={c} />

        <div className="flex flex-wrap gap-2">
          <LinkDialog requestId={c.id} series={c.series} mark={c.mark} suggested={c.suggestedNumber} onLinked={onNotice} />
          {c.canMarkNotCreated && (
            <ConfirmAction
              trigger={
                <Button type="button" variant="secondary">
                  {t("reconcile.notCreated")}
                </Button>
              }
              title={t("reconcile.notCreatedTitle")}
              body={
                <>
                  <p>{t("reconcile.notCreatedBody", { series: c.series })}</p>
                  {c.unreadableLabels.length > 0 && (
                    <Alert tone="warning">{t("reconcile.notCreatedUnreadable", { count: c.unreadableLabels.length, numbers: c.unreadableLabels.join(", ") })}</Alert>
                  )}
                </>
              }
              confirmLabel={t("reconcile.notCreatedConfirm")}
              variant="danger"
              run={() => markNotCreatedAction({ requestId: c.id })}
            />
          )}
          <CheckAgain id={c.id} onSettled={onNotice} />
        </div>
      </section>
    </Card>
  );
}

/** The cases, or `empty` when there are none (the notice of the last action stays above either). */
export function ReconcileCards({ cards, empty }: { cards: ReconcileCard[]; empty: React.ReactNode }) {
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <div className="space-y-4">
      {notice && <Alert tone="success">{notice}</Alert>}
      {!cards.length && empty}
      {cards.map((c) => (
        <CaseCard key={c.id} c={c} onNotice={setNotice} />
      ))}
    </div>
  );
}
