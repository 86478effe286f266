import { expectedInvoiceNumber } from "@/components/invoices/invoice-status-badge";
import { db } from "@/db";
import { listRegistrationInvoices } from "@/db/queries/invoices";
import { listMemberNames } from "@/db/queries/member-names";
import { listRegistrationTimeline } from "@/db/queries/registrations";
import { formatDateTime, formatMoney } from "@/lib/format";
import { getLocale, getT } from "@/lib/i18n";
import { PAYMENT_STATUSES, type PaymentStatus } from "@/lib/registrations/constants";

type Details = { amountBani?: unknown; statusFrom?: unknown; statusTo?: unknown; reason?: unknown };
const isStatus = (v: unknown): v is PaymentStatus => typeof v === "string" && (PAYMENT_STATUSES as readonly string[]).includes(v);

interface Entry {
  key: string;
  at: Date;
  title: string;
  lines: string[];
  by: string | null;
  /** An invoice attempt's body sent and SmartBill's answer (token never in them: the client keeps it in a header). */
  exchange?: { sent: string | null; answer: string | null };
  invoice?: boolean;
}

const pretty = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v, null, 2));

// Everything that happened to the registration, its payments and its invoices, oldest first: the audit
// log, each invoice request, and each attempt to send one to SmartBill (with what was sent and answered).
export async function Timeline({ orgId, registrationId }: { orgId: string; registrationId: string }) {
  const [t, locale, events, invoices] = await Promise.all([getT(), getLocale(), listRegistrationTimeline(db, orgId, registrationId), listRegistrationInvoices(db, orgId, registrationId)]);
  const names = await listMemberNames(db, orgId, [...invoices.map((r) => r.createdBy), ...invoices.flatMap((r) => r.attempts.map((a) => a.actorUserId))]);
  const ti = (key: string, values?: Record<string, string | number>) => t(`invoiceIssue.${key}` as never, values as never);
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
  const entries: Entry[] = events.map((e) => ({ key: `a${e.id}`, at: new Date(e.createdAt), ...describe(e.action, e.details), by: e.actorName ?? t("registrations.detail.system") }));
  for (const r of invoices) {
    const kind = ti(`section.kinds.${r.kind === "automatic" ? `automatic_${r.trigger}` : r.kind}`);
    const by = (id: string | null) => (id ? (names.get(id) ?? ti("section.formerMember")) : t("registrations.detail.system"));
    entries.push({ key: `r${r.id}`, at: new Date(r.createdAt), title: ti("attempts.requested", { amount: formatMoney(r.amountBani, locale), kind }), lines: [], by: by(r.createdBy), invoice: true });
    for (const a of r.attempts) {
      const facts = [a.httpStatus ? ti("attempts.http", { status: a.httpStatus }) : null, a.expectedNumber ? ti("attempts.expected", { number: expectedInvoiceNumber(r.seriesName, a.expectedNumber, r.padWidth) }) : null, a.errorCode].filter(
        (x): x is string => !!x,
      );
      entries.push({
        key: `t${a.id}`,
        at: new Date(a.startedAt),
        title: ti("attempts.title", { outcome: ti(`attempts.outcomes.${a.outcome ?? "pending"}`) }),
        lines: facts.length ? [facts.join(" · ")] : [],
        by: a.actorUserId ? by(a.actorUserId) : null,
        exchange: a.requestBody || a.responseBody ? { sent: pretty(a.requestBody), answer: a.responseBody } : undefined,
        invoice: true,
      });
    }
  }
  entries.sort((x, y) => x.at.getTime() - y.at.getTime());
  return (
    <section aria-labelledby="timeline-heading">
      <h2 id="timeline-heading" className="mb-3 text-base font-semibold">
        {t("registrations.detail.timeline")}
      </h2>
      {entries.length === 0 ? (
        <p className="text-sm text-slate-600">{t("registrations.detail.noEvents")}</p>
      ) : (
        <ol className="relative space-y-4 border-l border-slate-200 pl-5" data-testid="timeline">
          {entries.map((e) => (
            <li key={e.key} className="relative" data-testid={e.invoice ? "timeline-invoice" : undefined}>
              <span className={`absolute -left-[25px] top-1.5 size-2.5 rounded-full ring-4 ring-slate-50 ${e.invoice ? "bg-emerald-500" : "bg-indigo-500"}`} aria-hidden />
              <p className="text-sm font-medium text-slate-900">{e.title}</p>
              {e.lines.map((line) => (
                <p key={line} className="text-sm text-slate-700">
                  {line}
                </p>
              ))}
              <p className="text-xs text-slate-500">
                <time dateTime={e.at.toISOString()}>{formatDateTime(e.at, locale)}</time>
                {e.by && <> · {t("registrations.detail.by", { name: e.by })}</>}
              </p>
              {e.exchange && (
                <details className="mt-1 text-xs">
                  <summary className="cursor-pointer text-indigo-700">{ti("attempts.details")}</summary>
                  <p className="mt-2 font-medium text-slate-700">{ti("attempts.sent")}</p>
                  <pre className="max-h-64 overflow-auto whitespace-pre-wrap break-all rounded bg-slate-100 p-2">{e.exchange.sent ?? "—"}</pre>
                  <p className="mt-2 font-medium text-slate-700">{ti("attempts.answer")}</p>
                  <pre className="max-h-64 overflow-auto whitespace-pre-wrap break-all rounded bg-slate-100 p-2">{e.exchange.answer ?? ti("attempts.noAnswer")}</pre>
                </details>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
