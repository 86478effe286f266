import { db } from "@/db";
import { listRegistrationTimeline } from "@/db/queries/registrations";
import { formatDateTime, formatMoney } from "@/lib/format";
import { getLocale, getT } from "@/lib/i18n";

// Everything that happened to the registration and its payments, oldest first (the audit log).
export async function Timeline({ orgId, registrationId }: { orgId: string; registrationId: string }) {
  const [t, locale, events] = await Promise.all([getT(), getLocale(), listRegistrationTimeline(db, orgId, registrationId)]);
  const label = (action: string, details: unknown) => {
    const amountBani = details && typeof details === "object" && "amountBani" in details ? Number((details as { amountBani: unknown }).amountBani) : null;
    const key = `registrations.audit.${action}`;
    if (t.has(key as never)) return t(key as never, { amount: amountBani !== null && Number.isFinite(amountBani) ? formatMoney(amountBani, locale) : "" } as never);
    return t("registrations.audit.other", { action });
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
          {events.map((e) => (
            <li key={e.id} className="relative">
              <span className="absolute -left-[25px] top-1.5 size-2.5 rounded-full bg-indigo-500 ring-4 ring-slate-50" aria-hidden />
              <p className="text-sm font-medium text-slate-900">{label(e.action, e.details)}</p>
              <p className="text-xs text-slate-500">
                <time dateTime={new Date(e.createdAt).toISOString()}>{formatDateTime(e.createdAt, locale)}</time> ·{" "}
                {t("registrations.detail.by", { name: e.actorName ?? t("registrations.detail.system") })}
              </p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
