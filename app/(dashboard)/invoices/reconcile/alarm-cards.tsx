"use client";

import { useState } from "react";
import Link from "next/link";
import { AlertOctagon } from "lucide-react";
import { useTranslations } from "use-intl";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import type { InvoiceAlarmKind } from "@/db/schema";
import { resolveAlarmAction } from "../actions/resolve-alarm";
import { OneFieldDialog } from "../_components/one-field-dialog";

export interface AlarmCard {
  id: string;
  /** SERIES-NUMBER as SmartBill prints it. */
  number: string;
  kind: InvoiceAlarmKind;
  registration: { id: string; reference: string; participantName: string } | null;
  /** When Bursar found it, formatted. */
  when: string;
}

/** "Resolved (I handled it in SmartBill)", with an optional note of what was done. */
function ResolveDialog({ alarm, onResolved }: { alarm: AlarmCard; onResolved: (notice: string) => void }) {
  const t = useTranslations("invoiceInbox.alarms");
  return (
    <OneFieldDialog
      trigger={
        <Button type="button" variant="secondary" aria-label={t("resolveFor", { number: alarm.number })}>
          {t("resolve")}
        </Button>
      }
      title={t("resolveTitle", { number: alarm.number })}
      description={t("resolveBody")}
      label={t("noteLabel")}
      hint={t("noteHint")}
      initial=""
      field="note"
      inputProps={{ maxLength: 500 }}
      confirmLabel={t("resolveConfirm")}
      run={(note) => resolveAlarmAction({ alarmId: alarm.id, note })}
      onDone={() => onResolved(t("resolved", { number: alarm.number }))}
    />
  );
}

/**
 * The open alarms (extra invoices in SmartBill) as a red section above the in-doubt cases; nothing when
 * there are none, except the notice of the last one resolved.
 */
export function AlarmCards({ alarms, total }: { alarms: AlarmCard[]; total: number }) {
  const t = useTranslations("invoiceInbox.alarms");
  const [notice, setNotice] = useState<string | null>(null);
  if (!alarms.length && !notice) return null;
  return (
    <section aria-labelledby="alarms-title" className="mb-6 rounded-lg border border-red-300 bg-red-50 p-4" data-testid="alarms">
      <h2 id="alarms-title" className="flex items-center gap-2 text-lg font-semibold text-red-900">
        <AlertOctagon className="size-5 shrink-0" aria-hidden />
        {t("title")}
      </h2>
      {alarms.length > 0 && <p className="mt-1 max-w-3xl text-sm text-red-900">{t("description")}</p>}
      {notice && (
        <Alert tone="success" className="mt-3">
          {notice}
        </Alert>
      )}
      <ul className="mt-3 space-y-3">
        {alarms.map((a) => (
          <li key={a.id} className="rounded-md border border-red-200 bg-white p-4" data-testid="alarm" data-alarm-id={a.id}>
            <article aria-label={t("card", { number: a.number })}>
              <div className="mb-2 flex flex-wrap items-center gap-2">
                <span className="font-semibold tabular-nums" data-testid="alarm-number">
                  {a.number}
                </span>
                <Badge tone="danger">{t(`kindLabels.${a.kind}`)}</Badge>
              </div>
              <p className="text-sm text-slate-700">{t(`kinds.${a.kind}`)}</p>
              <dl className="mt-2 grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[10rem_1fr]">
                <dt className="text-slate-500">{t("registration")}</dt>
                <dd>
                  {a.registration ? (
                    <>
                      <Link href={`/registrations/${a.registration.id}`} className="font-medium text-indigo-700 hover:underline">
                        {a.registration.participantName}
                      </Link>
                      <span className="ml-2 text-slate-500">{a.registration.reference}</span>
                    </>
                  ) : (
                    t("noRegistration")
                  )}
                </dd>
                <dt className="text-slate-500">{t("found")}</dt>
                <dd>{a.when}</dd>
              </dl>
              <div className="mt-3">
                <ResolveDialog alarm={a} onResolved={setNotice} />
              </div>
            </article>
          </li>
        ))}
      </ul>
      {total > alarms.length && <p className="mt-3 text-sm text-red-900">{t("more", { shown: alarms.length, total })}</p>}
    </section>
  );
}
