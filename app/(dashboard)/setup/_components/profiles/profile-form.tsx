"use client";

import { useId, useState } from "react";
import { useForm, type Path } from "react-hook-form";
import { useTranslations } from "use-intl";
import { applyFieldErrors } from "@/components/apply-action-errors";
import { lazyZodResolver } from "@/components/lazy-zod-resolver";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { DialogFooter } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { useErrorText } from "@/components/use-error-text";
import { CURRENCIES, INVOICE_LANGUAGES, PROFILE_FIELDS } from "@/lib/billing/choices";
import type { Profile, ProfileInput } from "@/lib/billing/schemas";
import { saveProfileAction } from "../../actions/profiles";
import { ActionError, type ShownFailure } from "../action-error";
import type { ProfileFormValues } from "./types";

const resolver = lazyZodResolver(() => import("@/lib/billing/schemas").then((m) => m.profileSchema));

const FIELDS = PROFILE_FIELDS satisfies readonly (keyof ProfileFormValues)[];
type TextField = "companyName" | "cif" | "regCom" | "address" | "city" | "county" | "country" | "email" | "phone" | "iban" | "bank";

export interface SavedProfile {
  id: string;
  companyName: string;
  created: boolean;
}

export function ProfileForm(props: {
  profileId?: string;
  initial: ProfileFormValues;
  prefilled: boolean;
  smartbillVatPayer: boolean | null;
  onSaved: (saved: SavedProfile) => void;
}) {
  const t = useTranslations("profiles");
  const tc = useTranslations("common");
  const errorText = useErrorText();
  const vatHintId = useId();
  const [failure, setFailure] = useState<ShownFailure | null>(null);
  const form = useForm<ProfileInput, unknown, Profile>({ resolver, defaultValues: props.initial });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    setFailure(null);
    const res = await saveProfileAction(props.profileId ? { ...values, id: props.profileId } : values);
    if (!res.ok) {
      if (applyFieldErrors(form.setError, res.fieldErrors, FIELDS)) {
        const first = FIELDS.find((f) => res.fieldErrors?.[f]);
        if (first) form.setFocus(first as Path<ProfileInput>);
      } else setFailure(res);
      return;
    }
    props.onSaved(res.data);
  });

  const text = (name: TextField, opts: { type?: string; autoComplete?: string; hint?: string; className?: string } = {}) => (
    <Field label={t(`fields.${name}`)} hint={opts.hint} error={errorText(errors[name]?.message)} className={opts.className}>
      {(p) => <Input {...p} type={opts.type ?? "text"} autoComplete={opts.autoComplete ?? "off"} {...form.register(name)} />}
    </Field>
  );

  const section = (legend: string, children: React.ReactNode) => (
    <fieldset className="grid gap-4 sm:grid-cols-2">
      <legend className="mb-2 text-sm font-semibold text-slate-900">{legend}</legend>
      {children}
    </fieldset>
  );

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-6" aria-busy={isSubmitting}>
      {props.prefilled && <Alert tone="info">{t("prefilled")}</Alert>}
      <ActionError error={failure} />
      {section(
        t("sections.company"),
        <>
          {text("companyName", { autoComplete: "organization", className: "sm:col-span-2" })}
          {text("cif", { hint: t("fields.cifHint") })}
          {text("regCom", { hint: t("fields.regComHint") })}
          <div className="sm:col-span-2">
            <label className="flex items-start gap-3 text-sm">
              <input
                type="checkbox"
                className="mt-0.5 size-4 accent-indigo-600"
                aria-describedby={props.smartbillVatPayer === null ? undefined : vatHintId}
                {...form.register("vatPayer")}
              />
              <span className="font-medium text-slate-800">{t("fields.vatPayer")}</span>
            </label>
            {props.smartbillVatPayer !== null && (
              <p id={vatHintId} className="ml-7 mt-1 text-xs text-slate-500">
                {t("fields.vatPayerHint", { answer: t(props.smartbillVatPayer ? "fields.vatPayerYes" : "fields.vatPayerNo") })}
              </p>
            )}
          </div>
        </>,
      )}
      {section(
        t("sections.address"),
        <>
          {text("address", { autoComplete: "street-address", className: "sm:col-span-2" })}
          {text("city", { autoComplete: "address-level2" })}
          {text("county", { autoComplete: "address-level1" })}
          {text("country", { autoComplete: "country-name" })}
        </>,
      )}
      {section(
        t("sections.contact"),
        <>
          {text("email", { type: "email", autoComplete: "email" })}
          {text("phone", { type: "tel", autoComplete: "tel" })}
        </>,
      )}
      {section(
        t("sections.bank"),
        <>
          {text("iban", { hint: t("fields.ibanHint"), className: "sm:col-span-2" })}
          {text("bank")}
        </>,
      )}
      {section(
        t("sections.invoicing"),
        <>
          <Field label={t("fields.currency")} error={errorText(errors.currency?.message)}>
            {(p) => (
              <Select {...p} {...form.register("currency")}>
                {CURRENCIES.map((c) => (
                  <option key={c} value={c}>
                    {c}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Field label={t("fields.invoiceLanguage")} error={errorText(errors.invoiceLanguage?.message)}>
            {(p) => (
              <Select {...p} {...form.register("invoiceLanguage")}>
                {INVOICE_LANGUAGES.map((l) => (
                  <option key={l} value={l}>
                    {t(`languages.${l}`)}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          {/* An empty box fails zod's number check with its own English text: every due-days error means one thing. */}
          <Field label={t("fields.dueDays")} hint={t("fields.dueDaysHint")} error={errorText(errors.dueDays && "dueDays")}>
            {(p) => <Input {...p} type="number" inputMode="numeric" min={0} max={365} {...form.register("dueDays", { valueAsNumber: true })} />}
          </Field>
        </>,
      )}
      <DialogFooter cancelLabel={tc("cancel")} busy={isSubmitting}>
        <Button type="submit" pending={isSubmitting}>
          {isSubmitting ? t("saving") : t("save")}
        </Button>
      </DialogFooter>
    </form>
  );
}
