"use client";

import { useId, useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { useTranslations } from "use-intl";
import { applyFieldErrors } from "@/components/apply-action-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { DialogFooter } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useErrorText } from "@/components/use-error-text";
import { lazyZodResolver } from "@/components/lazy-zod-resolver";
import { BUCHAREST_SECTORS, BUYER_TYPES, isBucharest, normaliseSector } from "@/lib/registrations/constants";
import type { ClientInput, ClientValues } from "@/lib/registrations/schemas";
import { saveClientAction } from "../actions/save-client";

const FIELDS = ["buyerType", "name", "email", "phone", "address", "city", "county", "country", "companyName", "cif", "regCom", "vatPayer"] as const;
const resolver = lazyZodResolver(() => import("@/lib/registrations/schemas").then((m) => m.clientSchema));
type TextField = "name" | "email" | "phone" | "address" | "city" | "county" | "country" | "companyName" | "cif" | "regCom";


export function ClientForm({ initial, onSaved }: { initial: ClientInput; onSaved: (saved: { id: string; name: string }) => void }) {
  const t = useTranslations("clients");
  const tc = useTranslations("common");
  const errorText = useErrorText();
  const sectorsId = useId();
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm<ClientInput, unknown, ClientValues>({ resolver, defaultValues: initial });
  const { errors, isSubmitting } = form.formState;
  const [buyerType, city, county] = useWatch({ control: form.control, name: ["buyerType", "city", "county"] });
  // Said before saving, not only as an error: a București address needs its sector as the city.
  const bucharestWithoutSector = isBucharest(city ?? null, county ?? null) && !normaliseSector(city ?? null);

  const onSubmit = form.handleSubmit(async () => {
    setFailure(null);
    const res = await saveClientAction(form.getValues());
    if (!res.ok) {
      if (!applyFieldErrors(form.setError, res.fieldErrors, FIELDS)) setFailure(res.error);
      return;
    }
    onSaved(res.data);
  });

  const text = (name: TextField, opts: { type?: string; autoComplete?: string; hint?: string; className?: string; list?: string } = {}) => (
    <Field label={t(`fields.${name}`)} hint={opts.hint} error={errorText(errors[name]?.message)} className={opts.className}>
      {(p) => <Input {...p} type={opts.type ?? "text"} autoComplete={opts.autoComplete ?? "off"} list={opts.list} {...form.register(name)} />}
    </Field>
  );
  const section = (legend: string, children: React.ReactNode) => (
    <fieldset className="grid gap-4 sm:grid-cols-2">
      <legend className="mb-2 text-sm font-semibold text-slate-900">{legend}</legend>
      {children}
    </fieldset>
  );

  return (
    // The dialog is portalled, but React bubbles its submit to an enclosing form (the registration form).
    <form
      onSubmit={(e) => {
        e.stopPropagation();
        void onSubmit(e);
      }}
      noValidate
      className="space-y-6"
      aria-busy={isSubmitting}
    >
      {failure && <Alert tone="error">{errorText(failure)}</Alert>}
      <fieldset>
        <legend className="mb-2 text-sm font-semibold text-slate-900">{t("fields.buyerType")}</legend>
        <div className="flex flex-wrap gap-2">
          {BUYER_TYPES.map((type) => (
            <label key={type} className="flex cursor-pointer items-center gap-2 rounded-md border border-slate-300 px-3 py-2 text-sm has-[:checked]:border-indigo-500 has-[:checked]:bg-indigo-50">
              <input type="radio" value={type} className="size-4 accent-indigo-600" {...form.register("buyerType")} />
              {t(`buyerType.${type}`)}
            </label>
          ))}
        </div>
      </fieldset>
      {section(
        t("sections.contact"),
        <>
          {text("name", { autoComplete: "name", hint: t("fields.nameHint"), className: "sm:col-span-2" })}
          {text("email", { type: "email", autoComplete: "email" })}
          {text("phone", { type: "tel", autoComplete: "tel" })}
        </>,
      )}
      {buyerType === "company" &&
        section(
          t("sections.company"),
          <>
            {text("companyName", { autoComplete: "organization", className: "sm:col-span-2" })}
            {text("cif", { hint: t("fields.cifHint") })}
            {text("regCom", { hint: t("fields.regComHint") })}
            <label className="flex items-center gap-3 text-sm sm:col-span-2">
              <input type="checkbox" className="size-4 accent-indigo-600" {...form.register("vatPayer")} />
              <span className="font-medium text-slate-800">{t("fields.vatPayer")}</span>
            </label>
          </>,
        )}
      {section(
        t("sections.address"),
        <>
          {text("address", { autoComplete: "street-address", className: "sm:col-span-2" })}
          <div className="space-y-1.5">
            {text("city", { autoComplete: "address-level2", hint: t("fields.cityHint"), list: sectorsId })}
            <datalist id={sectorsId}>
              {BUCHAREST_SECTORS.map((s) => (
                <option key={s} value={s} />
              ))}
            </datalist>
          </div>
          {text("county", { autoComplete: "address-level1" })}
          {text("country", { autoComplete: "country-name" })}
          {bucharestWithoutSector && !errors.city && (
            <Alert tone="warning" className="sm:col-span-2">
              {t("fields.cityHint")}
            </Alert>
          )}
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
