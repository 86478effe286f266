"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { useTranslations } from "use-intl";
import { lazyZodResolver } from "@/components/lazy-zod-resolver";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { useErrorText } from "@/components/use-error-text";
import type { GenerationInput } from "@/lib/billing/schemas";
import { cn } from "@/lib/utils";
import { saveGenerationAction } from "../actions/generation";
import { ActionError, type ShownFailure } from "./action-error";
import { BackLink } from "./step-footer";

const resolver = lazyZodResolver(() => import("@/lib/billing/schemas").then((m) => m.generationSchema));

export function GenerationForm({ initial, backHref, onSaved }: { initial: GenerationInput; backHref: string | null; onSaved?: () => void }) {
  const t = useTranslations("setup.generation");
  const ts = useTranslations("setup");
  const tc = useTranslations("common");
  const errorText = useErrorText();
  const router = useRouter();
  const [failure, setFailure] = useState<string | ShownFailure | null>(null);
  const form = useForm<GenerationInput>({ resolver, defaultValues: initial });
  const mode = useWatch({ control: form.control, name: "mode" });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    setFailure(null);
    const res = await saveGenerationAction(values);
    if (!res.ok) return setFailure(res);
    if (onSaved) return onSaved();
    router.push(`/setup/${res.data.next ?? "review"}`);
  });

  const option = (value: "automatic" | "manual", hint: string) => (
    <label
      className={cn(
        "flex cursor-pointer gap-3 rounded-lg border p-4 has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-indigo-500",
        mode === value ? "border-indigo-500 bg-indigo-50/50" : "border-slate-200",
      )}
    >
      <input type="radio" value={value} className="mt-1 accent-indigo-600" {...form.register("mode")} />
      <span>
        <span className="block font-medium">{t(value)}</span>
        <span className="block text-sm text-slate-600">{hint}</span>
      </span>
    </label>
  );

  const trigger = (name: "triggerDebtCleared" | "triggerDownPayment", label: string, hint: string) => (
    <label className="flex items-start gap-3 text-sm">
      <input type="checkbox" className="mt-0.5 size-4 accent-indigo-600" {...form.register(name)} />
      <span>
        <span className="font-medium">{label}</span> <span className="text-slate-600">— {hint}</span>
      </span>
    </label>
  );

  return (
    <Card className="p-6">
      <h2 id="step-title" className="text-lg font-semibold">
        {t("title")}
      </h2>
      <form onSubmit={onSubmit} noValidate className="mt-5 space-y-5">
        <ActionError error={failure} />
        <fieldset className="grid gap-3 sm:grid-cols-2">
          <legend className="sr-only">{t("title")}</legend>
          {option("automatic", t("automaticHint"))}
          {option("manual", t("manualHint"))}
        </fieldset>
        {/* Kept enabled in manual mode (RHF drops disabled inputs' values); they only apply to automatic. */}
        <fieldset className={cn("space-y-3 rounded-lg border border-slate-200 p-4", mode !== "automatic" && "opacity-60")}>
          <legend className="px-1 text-sm font-medium">{t("triggers")}</legend>
          {trigger("triggerDebtCleared", t("debtCleared"), t("debtClearedHint"))}
          {trigger("triggerDownPayment", t("downPayment"), t("downPaymentHint"))}
          {errors.triggerDebtCleared?.message && (
            <p role="alert" className="text-sm text-red-700">
              {errorText(errors.triggerDebtCleared.message)}
            </p>
          )}
        </fieldset>
        <div className="flex justify-between gap-3">
          <BackLink href={backHref} label={ts("back")} />
          <Button type="submit" pending={isSubmitting}>
            {onSaved ? tc("save") : ts("continue")}
          </Button>
        </div>
      </form>
    </Card>
  );
}
