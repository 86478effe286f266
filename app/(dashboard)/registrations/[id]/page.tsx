import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { ArrowLeft } from "lucide-react";
import { SectionSkeleton } from "@/components/data-table/skeleton";
import { Badge } from "@/components/ui/badge";
import { Card, PageHeader } from "@/components/ui/card";
import { db } from "@/db";
import { listCourseOptions } from "@/db/queries/courses";
import { getRegistration } from "@/db/queries/registrations";
import { can } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { formatDate, formatDateTime, formatMoney } from "@/lib/format";
import { getLocale, getT } from "@/lib/i18n";
import { baniToInput } from "@/lib/registrations/money";
import { DetailList } from "../../_components/detail-list";
import { PaymentStatusBadge } from "../_components/payment-status-badge";
import { InvoicesSection } from "./_components/invoices-section";
import { PaymentsSection } from "./_components/payments-section";
import { RegistrationActions } from "./_components/registration-actions";
import { Timeline } from "./_components/timeline";

export const metadata: Metadata = { title: "Registration" };

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const member = await requireUser();
  const { id } = await params;
  if (!/^[0-9a-f-]{36}$/i.test(id)) notFound();
  const orgId = member.org.id;
  const [t, locale, found] = await Promise.all([getT(), getLocale(), getRegistration(db, orgId, id)]);
  if (!found) notFound();
  const { registration: r, client, course } = found;
  const canManage = can(member.role, "manageRegistrations");
  const active = r.status === "active";
  const courses = canManage && active ? await listCourseOptions(db, orgId) : [];
  // An archived course is not offered any more, but the registration's own course stays choosable when editing.
  if (canManage && active && !courses.some((c) => c.id === course.id)) courses.push({ id: course.id, name: course.name, priceBani: course.priceBani, termName: course.termName });
  const money = (bani: number | null) => (bani === null ? t("registrations.detail.none") : formatMoney(bani, locale));

  return (
    <>
      <Link href="/registrations" className="mb-3 inline-flex items-center gap-1 text-sm text-slate-600 hover:text-indigo-700">
        <ArrowLeft className="size-4" aria-hidden />
        {t("registrations.detail.back")}
      </Link>
      <PageHeader
        title={r.participantName}
        description={`${r.reference} · ${course.name} · ${client.name}`}
        actions={
          canManage && (
            <RegistrationActions
              registration={{ id: r.id, reference: r.reference, participantName: r.participantName, balanceBani: r.balanceBani, active }}
              edit={{
                client: { id: client.id, name: client.name },
                courses,
                initial: { id: r.id, clientId: client.id, courseId: course.id, participantName: r.participantName, price: baniToInput(r.priceBani), downPayment: r.downPaymentBani ? baniToInput(r.downPaymentBani) : "" },
              }}
            />
          )
        }
      />
      <div className="grid grid-cols-1 gap-6 xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <div className="space-y-6">
          <Card className="p-5">
            <h2 className="mb-4 flex flex-wrap items-center gap-2 text-base font-semibold">
              {t("registrations.detail.details")}
              {active ? (
                <PaymentStatusBadge status={r.paymentStatus} label={t(`registrations.paymentStatus.${r.paymentStatus}`)} />
              ) : (
                <Badge tone="neutral">{t("registrations.cancelledBadge")}</Badge>
              )}
            </h2>
            <DetailList
              items={[
                {
                  label: t("registrations.detail.reference"),
                  value: (
                    <>
                      <span className="font-mono text-base font-semibold tracking-wider" data-testid="payment-reference">
                        {r.reference}
                      </span>
                      <span className="block text-xs text-slate-500">{t("registrations.detail.referenceHint")}</span>
                    </>
                  ),
                },
                {
                  label: t("registrations.detail.status"),
                  value: active ? (
                    t("registrations.detail.active")
                  ) : (
                    <>
                      {t("registrations.detail.cancelled", { date: r.cancelledAt ? formatDateTime(r.cancelledAt, locale) : "" })}
                      {r.cancelReason && <span className="block text-xs text-slate-600">{t("registrations.detail.cancelReasonShown", { reason: r.cancelReason })}</span>}
                    </>
                  ),
                },
                {
                  label: t("registrations.detail.client"),
                  value: (
                    <Link href={`/clients/${client.id}`} className="text-indigo-700 hover:underline">
                      {client.buyerType === "company" && client.companyName ? `${client.companyName} (${client.name})` : client.name}
                    </Link>
                  ),
                },
                { label: t("registrations.detail.participant"), value: r.participantName },
                { label: t("registrations.detail.course"), value: course.name },
                { label: t("registrations.detail.term"), value: `${course.termName} · ${formatDate(course.termStart, locale)} – ${formatDate(course.termEnd, locale)}` },
                { label: t("registrations.detail.price"), value: money(r.priceBani) },
                { label: t("registrations.detail.downPayment"), value: money(r.downPaymentBani) },
                { label: t("registrations.detail.paid"), value: <span data-testid="paid-amount">{money(r.paidBani)}</span> },
                { label: t("registrations.detail.balance"), value: <span data-testid="balance-amount">{money(r.balanceBani)}</span> },
                { label: t("registrations.detail.created"), value: formatDateTime(r.createdAt, locale) },
              ]}
            />
          </Card>
          <Suspense fallback={<SectionSkeleton label={t("common.loading")} />}>
            <PaymentsSection orgId={orgId} registrationId={r.id} canManage={canManage} />
          </Suspense>
          <Suspense fallback={<SectionSkeleton label={t("common.loading")} />}>
            <InvoicesSection
              orgId={orgId}
              registration={{ id: r.id, reference: r.reference, participantName: r.participantName, priceBani: r.priceBani, active, clientId: client.id }}
              canIssue={can(member.role, "issueInvoices")}
              canFixSettings={can(member.role, "manageBilling")}
            />
          </Suspense>
        </div>
        <Suspense fallback={<SectionSkeleton label={t("common.loading")} lines={6} />}>
          <Timeline orgId={orgId} registrationId={r.id} />
        </Suspense>
      </div>
    </>
  );
}
