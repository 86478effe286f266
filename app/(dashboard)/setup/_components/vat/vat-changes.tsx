"use client";

import { Minus, MoveRight, Plus } from "lucide-react";
import { useTranslations } from "use-intl";
import type { VatSync } from "@/lib/billing/vat";
import { usePercent } from "./use-percent";

// What the last Synchronize found: added, removed, changed rate (old → new), or no changes.
export function VatChanges({ sync }: { sync: VatSync }) {
  const t = useTranslations("vat.changes");
  const percent = usePercent();
  const level = (c: { name: string; percentage?: string }) => `${c.name} (${percent(c.percentage ?? 0)})`;
  const nothing = !sync.added.length && !sync.removed.length && !sync.changed.length;

  let body: React.ReactNode;
  if (sync.isFirst) body = <p>{t("first", { count: sync.added.length })}</p>;
  else if (nothing) body = <p>{t("none")}</p>;
  else
    body = (
      <>
        <p>{t("summary")}</p>
        <dl className="mt-2 space-y-2">
          {sync.added.length > 0 && (
            <Group title={t("added")} icon={<Plus className="size-4 text-emerald-700" aria-hidden />} items={sync.added.map(level)} />
          )}
          {sync.removed.length > 0 && (
            <Group title={t("removed")} icon={<Minus className="size-4 text-red-700" aria-hidden />} items={sync.removed.map(level)} />
          )}
          {sync.changed.length > 0 && (
            <Group
              title={t("changed")}
              icon={<MoveRight className="size-4 text-amber-700" aria-hidden />}
              items={sync.changed.map((c) => t("change", { name: c.name, from: percent(c.from ?? 0), to: percent(c.to ?? 0) }))}
            />
          )}
        </dl>
      </>
    );

  return (
    <section aria-label={t("label")} className="rounded-md border border-slate-200 bg-slate-50 p-3 text-sm text-slate-800" data-testid="vat-changes">
      {body}
    </section>
  );
}

function Group({ title, icon, items }: { title: string; icon: React.ReactNode; items: string[] }) {
  return (
    <div className="flex flex-wrap items-baseline gap-x-2">
      <dt className="flex items-center gap-1 font-medium">
        {icon}
        {title}:
      </dt>
      {items.map((item) => (
        <dd key={item} className="rounded bg-white px-2 py-0.5 ring-1 ring-slate-200">
          {item}
        </dd>
      ))}
    </div>
  );
}
