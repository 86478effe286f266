import type { Metadata } from "next";
import Link from "next/link";
import { PlugZap } from "lucide-react";
import { db } from "@/db";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { buttonVariants } from "@/components/ui/button";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { requirePermission } from "@/lib/auth/session";
import { getLatestConnection } from "@/db/queries/smartbill-connections";
import { countIssuedLast30Days } from "@/lib/billing/health";
import { listInvoiceSeries } from "@/lib/billing/series";
import { listProfilesWithVatIssues } from "@/lib/billing/vat";
import { getBillingOverview } from "@/lib/billing/overview";
import { getLocale, getT } from "@/lib/i18n";
import { ConnectionActions, ReconnectButton } from "./_components/connection-actions";

export const metadata: Metadata = { title: "Billing settings" };

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid gap-1 py-2 sm:grid-cols-[14rem_1fr]">
      <dt className="text-sm text-slate-500">{label}</dt>
      <dd className="text-sm">{children}</dd>
    </div>
  );
}

export default async function BillingSettingsPage({ searchParams }: { searchParams: Promise<{ setup?: string }> }) {
  const member = await requirePermission("manageBilling");
  const orgId = member.org.id;
  const t = await getT();
  const locale = await getLocale();
  // Stored failures are a reason (a key name under smartbill.errors), so they read in the viewer's language.
  const lastErrorText = (code: string | null) => {
    const key = `smartbill.errors.${code ?? "other"}`;
    return t.has(key as never) ? t(key as never) : t("smartbill.errors.other");
  };
  const fmt = new Intl.DateTimeFormat(locale === "ro" ? "ro-RO" : "en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/Bucharest" });
  const when = (d: Date | null) => (d ? fmt.format(d) : t("settings.billing.never"));
  const o = await getBillingOverview(db, orgId);
  const justFinished = (await searchParams).setup === "done";
  const header = <PageHeader title={t("settings.billing.title")} description={t("settings.billing.description")} />;

  if (!o.connection) {
    const last = await getLatestConnection(db, orgId);
    return (
      <>
        {header}
        {last?.disconnectedAt ? (
          <Card className="p-6">
            <h2 className="text-lg font-semibold">{t("settings.billing.disconnectedTitle")}</h2>
            <p className="mt-1 text-sm text-slate-600">
              {t("settings.billing.disconnectedBody", { username: last.username, cif: last.cif, date: fmt.format(last.disconnectedAt) })}
            </p>
            <div className="mt-4 flex flex-wrap gap-3">
              <ReconnectButton />
              <Link href="/setup/credentials" className={buttonVariants({ variant: "secondary" })}>
                {t("settings.billing.connectOther")}
              </Link>
            </div>
          </Card>
        ) : (
          <EmptyState icon={<PlugZap className="size-10" aria-hidden />} title={t("settings.billing.notConnectedTitle")}>
            <p>{t("settings.billing.notConnectedBody")}</p>
            <Link href="/setup" className={`${buttonVariants()} mt-4`}>
              {t("settings.billing.startSetup")}
            </Link>
          </EmptyState>
        )}
      </>
    );
  }

  const c = o.connection;
  const [series, issued, vatIssues] = await Promise.all([
    listInvoiceSeries(db, orgId),
    countIssuedLast30Days(db, orgId),
    listProfilesWithVatIssues(db, orgId),
  ]);
  const levels = o.vatLevels;
  const failing = !!c.lastErrorAt && (!c.lastSuccessAt || c.lastErrorAt > c.lastSuccessAt);
  const s = o.settings;
  return (
    <>
      {header}
      {justFinished && (
        <Alert tone="success" className="mb-6">
          {t("settings.billing.setupDone")}
        </Alert>
      )}
      <div className="grid items-start gap-6 xl:grid-cols-2">
        <Card className="p-6" aria-labelledby="health-title">
          <div className="flex flex-wrap items-center justify-between gap-3">
            <h2 id="health-title" className="text-lg font-semibold">
              {t("settings.billing.health")}
            </h2>
            <Badge tone={failing ? "danger" : "success"} data-testid="health-status">
              {failing ? t("settings.billing.statusError") : t("settings.billing.statusOk")}
            </Badge>
          </div>
          <dl className="mt-3 divide-y divide-slate-100">
            <Row label={t("settings.billing.account")}>
              {c.username} · CIF {c.cif} {c.isSandbox && <Badge tone="warning">{t("common.sandbox")}</Badge>}
            </Row>
            <Row label={t("settings.billing.token")}>{t("settings.billing.tokenValue", { last4: c.tokenLast4 })}</Row>
            <Row label={t("settings.billing.lastVerified")}>{when(c.lastVerifiedAt)}</Row>
            <Row label={t("settings.billing.lastSuccess")}>{when(c.lastSuccessAt)}</Row>
            <Row label={t("settings.billing.lastError")}>
              {c.lastErrorAt ? (
                <span data-testid="last-error">
                  {fmt.format(c.lastErrorAt)} — {lastErrorText(c.lastErrorCode)}
                  {c.lastErrorOriginal && <span className="block text-xs text-slate-500">{t("setup.credentials.original", { text: c.lastErrorOriginal })}</span>}
                </span>
              ) : (
                t("settings.billing.none")
              )}
            </Row>
            <Row label={t("settings.billing.quota")}>
              <span className="font-medium" data-testid="issued-last-30-days">{issued}</span>
              <span className="block text-xs text-slate-500">{t("settings.billing.quotaHint")}</span>
            </Row>
          </dl>
          <ConnectionActions />
        </Card>
        <div className="space-y-6">
          <Card className="p-6">
            <h2 className="text-lg font-semibold">{t("settings.billing.series")}</h2>
            {series.ok ? (
              <ul className="mt-3 divide-y divide-slate-100 text-sm" data-testid="series-list">
                {series.series.map((x) => {
                  const users = o.profiles.filter((p) => p.seriesName === x.name).map((p) => p.companyName);
                  return (
                    <li key={x.name} className="flex flex-wrap justify-between gap-2 py-2">
                      <span className="font-medium">{x.name}</span>
                      <span className="text-slate-600">
                        {t("settings.billing.seriesNext", { number: x.nextNumber })} ·{" "}
                        {users.length ? t("settings.billing.seriesUsedBy", { profiles: users.join(", ") }) : t("settings.billing.seriesUnused")}
                      </span>
                    </li>
                  );
                })}
              </ul>
            ) : (
              <Alert tone="error" className="mt-3" title={t("settings.billing.seriesError")}>
                {t.has(series.error as never) ? t(series.error as never) : t("errors.unknown")}
                {series.detail && <span className="block text-xs">{t("setup.credentials.original", { text: series.detail })}</span>}
              </Alert>
            )}
          </Card>
          <Card className="p-6">
            <div className="flex items-center justify-between gap-3">
              <h2 className="text-lg font-semibold">{t("settings.billing.vat")}</h2>
              <Link href="/setup/vat" className="text-sm font-medium text-indigo-700 hover:underline">
                {t("settings.billing.edit")}
              </Link>
            </div>
            <p className="mt-1 text-sm text-slate-600">
              {t(`setup.review.vatModes.${s.vatMode}`)} · {s.vatSyncedAt ? t("settings.billing.vatSynced", { date: fmt.format(s.vatSyncedAt) }) : t("settings.billing.vatNever")}
            </p>
            {vatIssues.length > 0 && (
              <Alert tone="warning" className="mt-3" title={t("settings.billing.vatIssues")}>
                <ul data-testid="vat-issues">
                  {vatIssues.map((p) => (
                    <li key={p.id}>
                      {p.companyName}: {t(`vat.defaults.${p.issue === "missing" ? "missing" : p.issue === "removed" ? "removedBadge" : "changedBadge"}`)}
                    </li>
                  ))}
                </ul>
              </Alert>
            )}
            {levels.length > 0 && (
              <ul className="mt-2 flex flex-wrap gap-2">
                {levels.map((l) => (
                  <li key={l.name}>
                    <Badge>
                      {l.name} {Number(l.percentage)}%
                    </Badge>
                  </li>
                ))}
              </ul>
            )}
          </Card>
          <Card className="p-6">
            <h2 className="text-lg font-semibold">{t("settings.billing.sections")}</h2>
            <dl className="mt-2 divide-y divide-slate-100">
              <Row label={t("settings.billing.generation")}>
                {s.generationMode === "automatic" ? t("setup.review.modeAutomatic") : t("setup.review.modeManual")}{" "}
                <Link href="/setup/generation" className="ml-2 font-medium text-indigo-700 hover:underline">
                  {t("settings.billing.edit")}
                </Link>
              </Row>
              <Row label={t("settings.billing.profiles")}>
                {o.profiles.map((p) => p.companyName).join(", ") || t("setup.review.noProfiles")}{" "}
                <Link href="/setup/profiles" className="ml-2 font-medium text-indigo-700 hover:underline">
                  {t("settings.billing.edit")}
                </Link>
              </Row>
              <Row label={t("settings.billing.bank")}>{t("settings.billing.bankNone")}</Row>
            </dl>
          </Card>
        </div>
      </div>
    </>
  );
}
