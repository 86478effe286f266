"use client";

import { Star } from "lucide-react";
import { useTranslations } from "use-intl";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/input";
import { useErrorText } from "@/components/use-error-text";
import { ActionError, type ShownFailure } from "../action-error";
import type { SeriesOption, SeriesProfile } from "./types";

export interface RowState {
  pending?: boolean;
  failure?: ShownFailure;
  justSaved?: boolean;
}

export function SeriesRow(props: {
  profile: SeriesProfile;
  /** SmartBill's invoice series, or null when they could not be listed. */
  options: SeriesOption[] | null;
  saved: string | null;
  chosen: string;
  state: RowState;
  busy: boolean;
  onChoose: (name: string) => void;
  onSave: () => void;
}) {
  const t = useTranslations("profiles.series");
  const tp = useTranslations("profiles");
  const errorText = useErrorText();
  const { profile, options, saved, chosen, state } = props;
  const name = profile.companyName;
  const missing = options && saved && !options.some((o) => o.name === saved) ? saved : null;
  const next = options?.find((o) => o.name === chosen);
  const dirty = chosen !== "" && chosen !== saved;
  const fieldError = state.failure?.error === "profiles.series.unknown" ? errorText(state.failure.error) : undefined;

  return (
    <li className="space-y-3 p-4" data-testid="series-row">
      <div className="grid gap-4 sm:grid-cols-[minmax(0,1fr)_minmax(0,18rem)_auto] sm:items-start">
        <div className="min-w-0 pt-1">
          <p className="flex flex-wrap items-center gap-2 font-medium">
            <span className="break-words">{name}</span>
            {profile.isDefault && (
              <Badge tone="accent">
                <Star className="size-3" aria-hidden />
                {tp("default")}
              </Badge>
            )}
          </p>
          <p className="text-sm text-slate-500">
            {tp("card.cif")} <span className="font-mono">{profile.cif}</span>
          </p>
          <p className="mt-1 text-sm text-slate-600">{saved ? t("current", { series: saved }) : t("none")}</p>
        </div>
        <Field label={t("selectLabel", { name })} error={fieldError}>
          {(p) => (
            <Select {...p} value={chosen} disabled={!options || props.busy || state.pending} onChange={(e) => props.onChoose(e.target.value)}>
              <option value="" disabled>
                {t("choose")}
              </option>
              {missing && (
                <option value={missing} disabled>
                  {t("missingOption", { series: missing })}
                </option>
              )}
              {!options && saved && <option value={saved}>{saved}</option>}
              {options?.map((o) => (
                <option key={o.name} value={o.name}>
                  {t("option", { name: o.name, next: o.nextNumber })}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Button
          variant="secondary"
          className="sm:mt-6"
          aria-label={t("saveFor", { name })}
          onClick={props.onSave}
          disabled={!dirty || !options || props.busy}
          pending={state.pending}
        >
          {t("save")}
        </Button>
      </div>
      {next && (
        <p className="text-sm text-slate-700" data-testid="next-number">
          {t("next", { series: next.name, next: next.nextNumber })}
        </p>
      )}
      {missing && <Alert tone="warning">{t("missing", { series: missing })}</Alert>}
      {state.failure && !fieldError && <ActionError error={state.failure} />}
      <div aria-live="polite">{state.justSaved && saved && <Alert tone="success">{t("saved", { name, series: saved })}</Alert>}</div>
    </li>
  );
}
