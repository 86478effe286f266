import { db } from "@/db";
import { listRegistrationTimeline } from "@/db/queries/registrations";
import { formatDateTime, formatMoney } from "@/lib/format";
import { getLocale, getT } from "@/lib/i18n";
import { PAYMENT_STATUSES, type PaymentStatus } from "@/lib/registrations/constants";

type Details = { amountBani?: unknown; statusFrom?: unknown; statusTo?: unknown; reason?: unknown };
const isStatus = (v: unknown): v is PaymentStatus => typeof v === "string" && (PAYMENT_STATUSES as readonly string[]).includes(v);

// Everything that happened to the registration and its payments, oldest first (the audit log).
export async function Timeline({ orgId, registrationId }: { orgId: string; registrationId: string }) {
  const [t, locale, events] = await Promise.all([getT(), getLocale(), listRegistrationTimeline(db, orgId, registrationId)]);
  const describe = (action: string, raw: unknown) => {
    const d = (raw && typeof raw === "object" ? raw : {}) as Details;
    const amount = typeof d.amountBani === "number" ? formatMoney(d.amountBani, locale) : "";
    const key = `registrations.audit.${action}`;
    const title = t.has(key as never) ? t(key as never, { amount } as never) : t("registrations.audit.other", { action });
    const lines: string[] = [];
    if (isStatus(d.statusFrom) && isStatus(d.statusTo) && d.statusFrom !== d.statusTo) {
      lines.push(t("registrations.audit.statusChange", { from: t(`registrations.paymentStatus.${d.statusFrom}`), to: t(`registrations.paymentStatus.${d.statusTo}`) }));
    }
    if (typeof d.reason === "string" && d.reason) lines.push(t("registrations.audit.reason", { reason: d.reason }));
    return { title, lines };
  };
  return (
    <section aria-labelledby="timeline-heading">
      <h2 id="timeline-heading" className="mb-3 text-base font-semibold">
        {t("registrations.detail.timeline")}
      </h2>
      {events.length === 0 ? (
        <p className="text-sm text-slate-600">{t("registrations.detail.noEvents")}</p>
      ) : (
        <ol className="relative space-y-4 border-l border-slate-200 pl-5" data-testid="timeline">
          {events.map((e) => {
            const { title, lines } = describe(e.action, e.details);
            return (
              <li key={e.id} className="relative">
                <span className="absolute -left-[25px] top-1.5 size-2.5 rounded-full bg-indigo-500 ring-4 ring-slate-50" aria-hidden />
                <p className="text-sm font-medium text-slate-900">{title}</p>
                {lines.map((line) => (
                  <p key={line} className="text-sm text-slate-700">
                    {line}
                  </p>
                ))}
                <p className="text-xs text-slate-500">
                  <time dateTime={new Date(e.createdAt).toISOString()}>{formatDateTime(e.createdAt, locale)}</time> ·{" "}
                  {t("registrations.detail.by", { name: e.actorName ?? t("registrations.detail.system") })}
                </p>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
