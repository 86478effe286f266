"use client";

import type { UseFormRegisterReturn } from "react-hook-form";
import { useTranslations } from "use-intl";
import { Alert } from "@/components/ui/alert";
import { VAT_MODES } from "@/lib/billing/choices";
import { cn } from "@/lib/utils";

type Mode = (typeof VAT_MODES)[number];

// The three VAT modes as radio cards, with a warning when the choice contradicts what SmartBill says
// about the company.
export function VatModeOptions({
  register,
  mode,
  companyVatPayer,
}: {
  register: UseFormRegisterReturn<"vatMode">;
  mode: Mode;
  companyVatPayer: boolean | null;
}) {
  const t = useTranslations("vat.mode");
  const payerMode = mode !== "not_payer";
  return (
    <fieldset className="mt-5 space-y-3">
      <legend className="mb-3 text-sm font-medium text-slate-800">{t("legend")}</legend>
      <div className="grid gap-3 md:grid-cols-3">
        {VAT_MODES.map((value) => (
          <label
            key={value}
            className={cn(
              "flex cursor-pointer gap-3 rounded-lg border p-4 has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-indigo-500",
              mode === value ? "border-indigo-500 bg-indigo-50/50" : "border-slate-200 hover:border-slate-300",
            )}
          >
            <input
              type="radio"
              value={value}
              className="mt-1 accent-indigo-600"
              aria-labelledby={`vat-mode-${value}`}
              aria-describedby={`vat-mode-${value}-hint`}
              {...register}
            />
            <span>
              <span id={`vat-mode-${value}`} className="block font-medium">
                {t(value)}
              </span>
              <span id={`vat-mode-${value}-hint`} className="mt-1 block text-sm text-slate-600">
                {t(`${value}Hint`)}
              </span>
            </span>
          </label>
        ))}
      </div>
      {companyVatPayer === false && payerMode && (
        <Alert tone="warning" className="mt-3">
          {t("warnPayerForNonPayer")}
        </Alert>
      )}
      {companyVatPayer === true && !payerMode && (
        <Alert tone="warning" className="mt-3">
          {t("warnNotPayerForPayer")}
        </Alert>
      )}
      {companyVatPayer === false && !payerMode && (
        <Alert tone="info" className="mt-3">
          {t("companyNotPayer")}
        </Alert>
      )}
    </fieldset>
  );
}
