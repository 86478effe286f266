import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { ArrowLeft, Pencil, Plus } from "lucide-react";
import { SectionSkeleton } from "@/components/data-table/skeleton";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { db } from "@/db";
import { getClient } from "@/db/queries/clients";
import { listClientRegistrations } from "@/db/queries/registrations";
import { can } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { formatMoney } from "@/lib/format";
import { getLocale, getT } from "@/lib/i18n";
import { DetailList } from "../../_components/detail-list";
import { PaymentStatusBadge } from "../../registrations/_components/payment-status-badge";
import { ClientDialog } from "../_components/client-dialog";

export const metadata: Metadata = { title: "Client" };

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const member = await requireUser();
  const { id } = await params;
  if (!/^[0-9a-f-]{36}$/i.test(id)) notFound();
  const [t, client] = await Promise.all([getT(), getClient(db, member.org.id, id)]);
  if (!client) notFound();
  const canManage = can(member.role, "manageRegistrations");
  const none = t("clients.detail.none");
  const company = client.buyerType === "company";
  return (
    <>
      <Link href="/clients" className="mb-3 inline-flex items-center gap-1 text-sm text-slate-600 hover:text-indigo-700">
        <ArrowLeft className="size-4" aria-hidden />
        {t("clients.detail.back")}
      </Link>
      <PageHeader
        title={client.name}
        description={company ? (client.companyName ?? undefined) : undefined}
        actions={
          canManage && (
            <div className="flex flex-wrap gap-2">
              <ClientDialog
                title={t("clients.editTitle", { name: client.name })}
                initial={{
                  id: client.id,
                  buyerType: client.buyerType,
                  name: client.name,
                  email: client.email ?? "",
                  phone: client.phone ?? "",
                  address: client.address ?? "",
                  city: client.city ?? "",
                  county: client.county ?? "",
                  country: client.country,
                  companyName: client.companyName ?? "",
                  cif: client.cif ?? "",
                  regCom: client.regCom ?? "",
                  vatPayer: client.vatPayer,
                }}
                trigger={
                  <Button variant="secondary">
                    <Pencil className="size-4" aria-hidden />
                    {t("clients.edit")}
                  </Button>
                }
              />
              <Button asChild>
                <Link href={`/registrations/new?client=${client.id}`}>
                  <Plus className="size-4" aria-hidden />
                  {t("clients.detail.newRegistration")}
                </Link>
              </Button>
            </div>
          )
        }
      />
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
        <Card className="p-5">
          <h2 className="mb-4 flex items-center gap-2 text-base font-semibold">
            {t("clients.detail.buyer")}
            <Badge tone={company ? "accent" : "neutral"}>{t(`clients.buyerType.${client.buyerType}`)}</Badge>
          </h2>
          <DetailList
            items={[
              ...(company
                ? [
                    { label: t("clients.fields.companyName"), value: client.companyName ?? none, wide: true },
                    { label: t("clients.fields.cif"), value: client.cif ?? none },
                    { label: t("clients.fields.regCom"), value: client.regCom ?? none },
                    { label: t("clients.fields.vatPayer"), value: client.vatPayer ? t("clients.detail.vatPayer") : t("clients.detail.notVatPayer"), wide: true },
                  ]
                : []),
              { label: t("clients.fields.email"), value: client.email ?? none, wide: true },
              { label: t("clients.fields.phone"), value: client.phone ?? none },
              { label: t("clients.fields.address"), value: client.address ?? none, wide: true },
              { label: t("clients.fields.city"), value: client.city ?? none },
              { label: t("clients.fields.county"), value: client.county ?? none },
              { label: t("clients.fields.country"), value: client.country },
            ]}
          />
        </Card>
        <section aria-labelledby="client-registrations">
          <h2 id="client-registrations" className="mb-3 text-base font-semibold">
            {t("clients.detail.registrations")}
          </h2>
          <Suspense fallback={<SectionSkeleton label={t("common.loading")} />}>
            <ClientRegistrations orgId={member.org.id} clientId={client.id} />
          </Suspense>
        </section>
      </div>
    </>
  );
}

async function ClientRegistrations({ orgId, clientId }: { orgId: string; clientId: string }) {
  const [t, locale, rows] = await Promise.all([getT(), getLocale(), listClientRegistrations(db, orgId, clientId)]);
  if (rows.length === 0) return <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-sm text-slate-600">{t("clients.detail.noRegistrations")}</p>;
  return (
    <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white shadow-sm">
      {rows.map((r) => (
        <li key={r.id} className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1 px-4 py-3">
          <div className="min-w-0">
            <Link href={`/registrations/${r.id}`} className="font-medium text-indigo-700 hover:underline">
              {r.participantName}
            </Link>
            <p className="text-xs text-slate-600">
              <span className="font-mono">{r.reference}</span> · {r.courseName}
            </p>
          </div>
          <div className="flex items-center gap-3 text-sm">
            <span className="tabular-nums text-slate-700">{formatMoney(r.balanceBani, locale)}</span>
            {r.status === "cancelled" ? (
              <Badge tone="neutral">{t("registrations.cancelledBadge")}</Badge>
            ) : (
              <PaymentStatusBadge status={r.paymentStatus} label={t(`registrations.paymentStatus.${r.paymentStatus}`)} />
            )}
          </div>
        </li>
      ))}
    </ul>
  );
}
