"use client";

import Link from "next/link";
import { Building2 } from "lucide-react";
import { useWatch, type Control, type FieldErrors, type UseFormRegister } from "react-hook-form";
import { useTranslations } from "use-intl";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { buttonVariants } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Select } from "@/components/ui/input";
import { useErrorText } from "@/components/use-error-text";
import type { ProfileVat } from "@/lib/billing/vat";
import type { VatLevel } from "@/lib/billing/vat-diff";
import { usePercent } from "./use-percent";
import type { VatStepInput } from "@/lib/billing/schemas";

interface Props {
  mode: VatStepInput["vatMode"];
  profiles: ProfileVat[];
  levels: VatLevel[];
  synced: boolean;
  control: Control<VatStepInput>;
  register: UseFormRegister<VatStepInput>;
  errors: FieldErrors<VatStepInput>;
}

// One select per active billing profile; profiles whose default level went away in SmartBill are flagged.
export function VatProfileDefaults({ mode, profiles, levels, synced, control, register, errors }: Props) {
  const t = useTranslations("vat.defaults");
  const percent = usePercent();
  const errorText = useErrorText();
  const picks = useWatch({ control, name: "defaults" });
  const payerProfiles = profiles.filter((p) => p.vatPayer);
  const otherProfiles = profiles.filter((p) => !p.vatPayer);

  let body: React.ReactNode;
  if (mode === "not_payer") {
    body = <Alert tone="info">{t("notPayer")}</Alert>;
  } else if (profiles.length === 0) {
    body = (
      <div className="flex flex-col items-center gap-3 rounded-md border border-dashed border-slate-300 px-6 py-8 text-center">
        <Building2 className="size-8 text-slate-400" aria-hidden />
        <h4 className="font-medium">{t("noProfilesTitle")}</h4>
        <p className="max-w-md text-sm text-slate-600">{t("noProfilesBody")}</p>
        <Link href="/setup/profiles" className={buttonVariants({ variant: "secondary", size: "sm" })}>
          {t("addProfile")}
        </Link>
      </div>
    );
  } else {
    body = (
      <ul className="divide-y divide-slate-100">
        {!synced && (
          <li className="pb-3">
            <Alert tone="info">{t("needSync")}</Alert>
          </li>
        )}
        {payerProfiles.map((p, i) => {
          const id = `vat-default-${p.id}`;
          const picked = picks?.[i]?.vatName ?? "";
          const flagged = picked === "" && (p.issue === "removed" || p.issue === "changed");
          const error = errors.defaults?.[i]?.vatName?.message;
          const describedBy = [`${id}-cif`, flagged && `${id}-flag`, error && `${id}-error`].filter(Boolean).join(" ");
          return (
            <li key={p.id} className="grid gap-2 py-4 sm:grid-cols-[minmax(0,1fr)_18rem] sm:items-start sm:gap-6" data-testid="vat-profile-row">
              <div className="min-w-0">
                <label htmlFor={id} className="font-medium text-slate-900">
                  <span className="sr-only">{t("label", { name: p.companyName })}</span>
                  <span aria-hidden>{p.companyName}</span>
                </label>
                <div className="mt-1 flex flex-wrap items-center gap-2 text-xs text-slate-600">
                  <span id={`${id}-cif`}>CIF {p.cif}</span>
                  {p.isDefault && <Badge>{t("defaultProfile")}</Badge>}
                  {flagged && p.issue === "removed" && <Badge tone="danger">{t("removedBadge")}</Badge>}
                  {flagged && p.issue === "changed" && <Badge tone="warning">{t("changedBadge")}</Badge>}
                  {picked === "" && p.issue === "missing" && <Badge tone="neutral">{t("missing")}</Badge>}
                </div>
                {flagged && (
                  <p id={`${id}-flag`} className="mt-2 text-sm text-amber-900">
                    {p.issue === "removed"
                      ? t("removed", { name: p.defaultVatName ?? "", percentage: percent(p.defaultVatPercentage ?? 0) })
                      : t("changed", { name: p.defaultVatName ?? "", from: percent(p.defaultVatPercentage ?? 0), to: percent(p.currentPercentage ?? 0) })}
                  </p>
                )}
              </div>
              <div className="space-y-1.5">
                <Select id={id} aria-invalid={!!error} aria-describedby={describedBy} {...register(`defaults.${i}.vatName`)}>
                  <option value="" disabled>
                    {t("choose")}
                  </option>
                  {levels.map((l) => (
                    <option key={l.name} value={l.name}>
                      {`${l.name} — ${percent(l.percentage)}`}
                    </option>
                  ))}
                </Select>
                {error && (
                  <p id={`${id}-error`} className="text-sm text-red-700">
                    {error === "required" ? t("required") : errorText(error)}
                  </p>
                )}
              </div>
            </li>
          );
        })}
        {otherProfiles.map((p) => (
          <li key={p.id} className="py-4 text-sm" data-testid="vat-profile-row">
            <p className="font-medium text-slate-900">{p.companyName}</p>
            <p className="mt-1 text-slate-600">{t("profileNotPayer")}</p>
          </li>
        ))}
      </ul>
    );
  }

  return (
    <Card className="p-6" role="region" aria-labelledby="vat-defaults-title">
      <h3 id="vat-defaults-title" className="font-semibold">
        {t("title")}
      </h3>
      <p className="mt-1 max-w-2xl text-sm text-slate-600">{t("body")}</p>
      <div className="mt-4">{body}</div>
    </Card>
  );
}
