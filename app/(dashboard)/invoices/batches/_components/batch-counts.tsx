"use client";

import { useTranslations } from "use-intl";
import type { InvoiceRequestStatus } from "@/lib/invoicing/constants";

/** The run's requests by outcome; "pending" is queued plus being sent now. */
export function BatchCounts({ counts, skipped }: { counts: Record<InvoiceRequestStatus, number>; skipped: number }) {
  const t = useTranslations("invoiceBulk.progress");
  const items = [
    { key: "issued", label: t("issued"), value: counts.issued, tone: "text-emerald-700" },
    { key: "failed", label: t("failed"), value: counts.failed, tone: counts.failed ? "text-red-700" : "" },
    { key: "in-doubt", label: t("inDoubt"), value: counts.in_doubt, tone: counts.in_doubt ? "text-amber-700" : "" },
    { key: "pending", label: t("pending"), value: counts.queued + counts.issuing, tone: "" },
    { key: "skipped", label: t("skipped"), value: skipped, tone: "" },
    { key: "cancelled", label: t("cancelled"), value: counts.cancelled, tone: "" },
  ];
  return (
    <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
      {items.map((i) => (
        <div key={i.key} className="rounded-md border border-slate-200 px-3 py-2">
          <dt className="text-xs text-slate-600">{i.label}</dt>
          <dd className={`text-xl font-semibold tabular-nums ${i.tone}`} data-testid={`batch-count-${i.key}`}>
            {i.value}
          </dd>
        </div>
      ))}
    </dl>
  );
}
