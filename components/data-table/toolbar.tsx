"use client";

import { useState } from "react";
import { debounce, parseAsString, type SingleParserBuilder } from "nuqs";
import { Search, X } from "lucide-react";
import { useTranslations } from "use-intl";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/utils";
import { parseAsPage } from "./parsers";
import { useTableQueryStates } from "./table-transition";

const control = "h-10 rounded-md border border-slate-300 bg-white text-sm shadow-sm focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/30";

/** Free-text search kept in the URL; typing waits 300 ms before the server is asked. Any change goes back to page 1. */
export function DataTableSearch({ urlKey = "q", label, placeholder, className }: { urlKey?: string; label: string; placeholder?: string; className?: string }) {
  const [url, setUrl] = useTableQueryStates({ [urlKey]: parseAsString.withDefault(""), page: parseAsPage });
  const committed = String(url[urlKey] ?? "");
  const [text, setText] = useState(committed);
  // Back/Forward change the URL under the box: show what the URL says.
  const [seen, setSeen] = useState(committed);
  if (seen !== committed) {
    setSeen(committed);
    setText(committed);
  }
  // Only keys that change: a debounced update of an unchanged key (page) adds a second, identical history entry.
  const commit = (value: string, now: boolean) =>
    void setUrl({ [urlKey]: value.trim() || null, ...(url.page !== null ? { page: null } : {}) }, now ? undefined : { limitUrlUpdates: debounce(300) });
  return (
    <div className={cn("relative w-full sm:w-72", className)}>
      <Search className="pointer-events-none absolute left-3 top-1/2 size-4 -translate-y-1/2 text-slate-400" aria-hidden />
      <input
        type="search"
        aria-label={label}
        placeholder={placeholder ?? label}
        className={cn(control, "w-full pl-9 pr-3")}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          commit(e.target.value, e.target.value === "");
        }}
        onKeyDown={(e) => {
          if (e.key === "Enter") commit(text, true);
        }}
      />
    </div>
  );
}

/** One choice from a list (course, term, status): a native select, so it is usable on a phone and with a screen reader. */
export function DataTableSelectFilter<T extends string>(props: {
  urlKey: string;
  parser: SingleParserBuilder<T>;
  label: string;
  allLabel: string;
  options: { value: T; label: string }[];
  /** The parser's default: shown as the "all" choice, and left out of the URL. */
  defaultValue?: T;
  className?: string;
}) {
  const [url, setUrl] = useTableQueryStates({ [props.urlKey]: props.parser, page: parseAsPage });
  const raw = url[props.urlKey] as T | null;
  const value = raw && raw !== props.defaultValue ? raw : "";
  return (
    <label className={cn("flex min-w-0 flex-col text-xs font-medium text-slate-600", props.className)}>
      <span className="sr-only">{props.label}</span>
      <select
        className={cn(control, "w-full truncate px-3 sm:w-auto sm:max-w-56", value && "border-indigo-400 bg-indigo-50/40")}
        value={value}
        aria-label={props.label}
        onChange={(e) => void setUrl({ [props.urlKey]: e.target.value || null, page: null } as Parameters<typeof setUrl>[0])}
      >
        <option value="">{props.allLabel}</option>
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Clears the given URL keys (and the page) when any of them is set. */
export function DataTableReset({ keys }: { keys: string[] }) {
  const t = useTranslations("dataTable");
  const [url, setUrl] = useTableQueryStates(Object.fromEntries([...keys.map((k) => [k, parseAsString]), ["page", parseAsPage]]));
  const active = keys.some((k) => url[k]);
  if (!active) return null;
  return (
    <Button type="button" variant="ghost" size="md" onClick={() => void setUrl(Object.fromEntries([...keys, "page"].map((k) => [k, null])))}>
      <X className="size-4" aria-hidden />
      {t("reset")}
    </Button>
  );
}
