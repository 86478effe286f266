"use client";

import { useEffect, useId, useState } from "react";
import { Search, UserPlus } from "lucide-react";
import { useTranslations } from "use-intl";
import { Button } from "@/components/ui/button";
import { searchClientsAction } from "../../clients/actions/search-clients";
import { ClientDialog } from "../../clients/_components/client-dialog";
import { EMPTY_CLIENT } from "../../clients/_components/empty-client";

export interface PickedClient {
  id: string;
  name: string;
}
type Option = { id: string; name: string; companyName: string | null; email: string | null };

// Search as you type (a school has thousands of clients, so no long select), or create one on the spot.
export function ClientPicker(props: { value: PickedClient | null; onChange: (c: PickedClient | null) => void; error?: string; labelId: string }) {
  const t = useTranslations("registrations.form");
  const listId = useId();
  const hintId = useId();
  const [q, setQ] = useState("");
  const [options, setOptions] = useState<Option[] | null>(null);

  useEffect(() => {
    const query = q.trim();
    if (query.length < 2) return;
    let stale = false;
    const timer = setTimeout(async () => {
      const res = await searchClientsAction({ q: query });
      if (!stale) setOptions(res.ok ? res.data : []);
    }, 250);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [q]);

  if (props.value) {
    return (
      <div className="flex flex-wrap items-center justify-between gap-2 rounded-md border border-slate-300 bg-slate-50 px-3 py-2">
        <p className="text-sm" aria-labelledby={props.labelId} data-testid="chosen-client">
          {t("clientChosen", { name: props.value.name })}
        </p>
        <Button type="button" variant="link" size="sm" className="h-auto px-0" onClick={() => props.onChange(null)}>
          {t("clientChange")}
        </Button>
      </div>
    );
  }

  const shown = q.trim().length >= 2 ? options : null;
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap gap-2">
        <div className="relative min-w-0 flex-1">
          <Search className="pointer-events-none absolute left-3 top-1/2 size-4 -translate-y-1/2 text-slate-400" aria-hidden />
          <input
            type="search"
            aria-labelledby={props.labelId}
            aria-describedby={hintId}
            aria-invalid={!!props.error}
            aria-controls={listId}
            placeholder={t("clientSearch")}
            className="h-10 w-full rounded-md border border-slate-300 bg-white pl-9 pr-3 text-sm shadow-sm focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/30 aria-[invalid=true]:border-red-500"
            value={q}
            onChange={(e) => setQ(e.target.value)}
          />
        </div>
        <ClientDialog
          title={t("newClientTitle")}
          initial={EMPTY_CLIENT}
          onSaved={(c) => props.onChange(c)}
          trigger={
            <Button type="button" variant="secondary">
              <UserPlus className="size-4" aria-hidden />
              {t("newClient")}
            </Button>
          }
        />
      </div>
      <p id={hintId} className="text-xs text-slate-500">
        {t("clientHint")}
      </p>
      {props.error && <p className="text-sm text-red-700">{props.error}</p>}
      <ul id={listId} aria-live="polite" className="max-h-60 divide-y divide-slate-100 overflow-y-auto rounded-md border border-slate-200 bg-white empty:hidden">
        {shown?.length === 0 && <li className="px-3 py-2 text-sm text-slate-600">{t("clientNone")}</li>}
        {shown?.map((o) => (
          <li key={o.id}>
            <button type="button" className="w-full px-3 py-2 text-left text-sm hover:bg-indigo-50 focus-visible:bg-indigo-50 focus-visible:outline-none" onClick={() => props.onChange({ id: o.id, name: o.name })}>
              <span className="font-medium">{o.name}</span>
              {(o.companyName || o.email) && <span className="block text-xs text-slate-600">{[o.companyName, o.email].filter(Boolean).join(" · ")}</span>}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
