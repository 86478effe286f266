import Link from "next/link";
import { db } from "@/db";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { getBillingOverview } from "@/lib/billing/overview";
import { getLocale, getT } from "@/lib/i18n";
import { FinishButton, TestDraftPanel } from "../_components/review-actions";
import { BackLink } from "../_components/step-footer";
import type { StepProps } from "./types";

function Section({ title, edit, editLabel, editText, children }: { title: string; edit: string; editLabel: string; editText: string; children: React.ReactNode }) {
  return (
    <div className="flex flex-wrap items-start justify-between gap-3 border-b border-slate-100 py-4 last:border-0">
      <div className="min-w-0 flex-1">
        <h3 className="text-sm font-medium text-slate-500">{title}</h3>
        <div className="mt-1 text-sm">{children}</div>
      </div>
      <Link href={edit} className="text-sm font-medium text-indigo-700 hover:underline" aria-label={editLabel}>
        {editText}
      </Link>
    </div>
  );
}

export async function ReviewStep({ orgId, backHref, finished }: StepProps) {
  const t = await getT();
  const locale = await getLocale();
  const o = await getBillingOverview(db, orgId);
  const fmt = new Intl.DateTimeFormat(locale === "ro" ? "ro-RO" : "en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/Bucharest" });
  const s = o.settings;
  const triggers = [s.triggerDebtCleared && t("setup.generation.debtCleared"), s.triggerDownPayment && t("setup.generation.downPayment")].filter(Boolean);
  const edit = (section: string) => t("setup.review.editLabel", { section });
  return (
    <div className="space-y-6">
      <Card className="p-6">
        <h2 id="step-title" className="text-lg font-semibold">
          {t("setup.review.title")}
        </h2>
        <p className="mt-1 text-sm text-slate-600">{t("setup.review.intro")}</p>
        <div className="mt-4">
          <Section title={t("setup.review.account")} edit="/setup/credentials" editText={t("setup.review.edit")} editLabel={edit(t("setup.review.account"))}>
            {o.connection ? (
              <p>
                {o.connection.username} · CIF {o.connection.cif} · {t("setup.review.token", { last4: o.connection.tokenLast4 })}{" "}
                {o.connection.isSandbox && <Badge tone="warning">{t("setup.review.sandbox")}</Badge>}{" "}
                <Badge tone="neutral">{o.connection.vatPayer ? t("setup.review.vatPayer") : t("setup.review.notVatPayer")}</Badge>
              </p>
            ) : (
              <p className="text-red-700">{t("setup.notConnected")}</p>
            )}
          </Section>
          <Section title={t("setup.review.generation")} edit="/setup/generation" editText={t("setup.review.edit")} editLabel={edit(t("setup.review.generation"))}>
            {s.generationMode === "automatic"
              ? `${t("setup.review.modeAutomatic")} — ${triggers.length ? t("setup.review.triggers", { list: triggers.join(", ") }) : t("setup.review.noTriggers")}`
              : t("setup.review.modeManual")}
          </Section>
          <Section title={t("setup.review.profiles")} edit="/setup/profiles" editText={t("setup.review.edit")} editLabel={edit(t("setup.review.profiles"))}>
            {o.profiles.length === 0 ? (
              <p className="text-red-700">{t("setup.review.noProfiles")}</p>
            ) : (
              <ul className="space-y-1">
                {o.profiles.map((p) => (
                  <li key={p.id}>
                    <span className="font-medium">{p.companyName}</span> ({p.cif}) {p.isDefault && <Badge tone="info">{t("setup.review.default")}</Badge>} ·{" "}
                    {p.seriesName ?? <span className="text-amber-700">{t("setup.review.noSeriesShort")}</span>}
                    {s.vatMode !== "not_payer" && (
                      <>
                        {" · "}
                        {p.defaultVatName ? `${p.defaultVatName} ${Number(p.defaultVatPercentage)}%` : <span className="text-amber-700">{t("setup.review.noVatShort")}</span>}
                      </>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </Section>
          <Section title={t("setup.review.vat")} edit="/setup/vat" editText={t("setup.review.edit")} editLabel={edit(t("setup.review.vat"))}>
            {t(`setup.review.vatModes.${s.vatMode}`)} · {t("setup.review.levels", { count: o.vatLevels.length })} ·{" "}
            {s.vatSyncedAt ? t("setup.review.syncedAt", { date: fmt.format(s.vatSyncedAt) }) : t("setup.review.neverSynced")}
          </Section>
          <Section title={t("setup.review.bank")} edit="/setup/bank" editText={t("setup.review.edit")} editLabel={edit(t("setup.review.bank"))}>
            {t("setup.review.bankSkipped")}
          </Section>
        </div>
      </Card>
      <TestDraftPanel
        last={o.testDraft ? { series: o.testDraft.seriesName, documentUrl: o.testDraft.documentUrl, at: fmt.format(new Date(o.testDraft.at)), request: JSON.stringify(o.testDraft.request, null, 2) } : null}
      />
      <div className="flex justify-between gap-3">
        <BackLink href={backHref} label={t("setup.back")} />
        <FinishButton hasTestDraft={!!o.testDraft} finished={finished} />
      </div>
    </div>
  );
}
