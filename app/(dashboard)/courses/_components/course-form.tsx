"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { useTranslations } from "use-intl";
import { applyFieldErrors } from "@/components/apply-action-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { DialogFooter } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { useErrorText } from "@/components/use-error-text";
import { lazyZodResolver } from "@/components/lazy-zod-resolver";
import type { CourseInput, CourseValues } from "@/lib/registrations/schemas";
import { saveCourseAction } from "../actions/save-course";

const FIELDS = ["name", "price", "billingProfileId", "vatName", "termName", "termStart", "termEnd"] as const;
const resolver = lazyZodResolver(() => import("@/lib/registrations/schemas").then((m) => m.courseSchema));

export interface CourseChoices {
  profiles: { id: string; name: string }[];
  vatLevels: { name: string; percentage: string }[];
}

export function CourseForm({ initial, choices, onSaved }: { initial: CourseInput; choices: CourseChoices; onSaved: () => void }) {
  const t = useTranslations("courses");
  const tc = useTranslations("common");
  const errorText = useErrorText();
  const router = useRouter();
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm<CourseInput, unknown, CourseValues>({ resolver, defaultValues: initial });
  const { errors, isSubmitting } = form.formState;

  // The action gets what was typed (its schema parses it again); the resolver only checked it here.
  const onSubmit = form.handleSubmit(async () => {
    setFailure(null);
    const res = await saveCourseAction(form.getValues());
    if (!res.ok) {
      if (!applyFieldErrors(form.setError, res.fieldErrors, FIELDS)) setFailure(res.error);
      return;
    }
    onSaved();
    router.refresh();
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-busy={isSubmitting}>
      {failure && <Alert tone="error">{errorText(failure)}</Alert>}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label={t("fields.name")} error={errorText(errors.name?.message)} className="sm:col-span-2">
          {(p) => <Input {...p} autoComplete="off" {...form.register("name")} />}
        </Field>
        <Field label={t("fields.price")} hint={t("fields.priceHint")} error={errorText(errors.price?.message)} className="sm:col-span-2">
          {(p) => <Input {...p} inputMode="decimal" autoComplete="off" {...form.register("price")} />}
        </Field>
        <Field label={t("fields.termName")} hint={t("fields.termNameHint")} error={errorText(errors.termName?.message)} className="sm:col-span-2">
          {(p) => <Input {...p} autoComplete="off" {...form.register("termName")} />}
        </Field>
        <Field label={t("fields.termStart")} error={errorText(errors.termStart?.message)}>
          {(p) => <Input {...p} type="date" {...form.register("termStart")} />}
        </Field>
        <Field label={t("fields.termEnd")} error={errorText(errors.termEnd?.message)}>
          {(p) => <Input {...p} type="date" {...form.register("termEnd")} />}
        </Field>
        <Field label={t("fields.billingProfileId")} error={errorText(errors.billingProfileId?.message)}>
          {(p) => (
            <Select {...p} {...form.register("billingProfileId")}>
              <option value="">{t("fields.defaultProfile")}</option>
              {choices.profiles.map((pr) => (
                <option key={pr.id} value={pr.id}>
                  {pr.name}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field label={t("fields.vatName")} error={errorText(errors.vatName?.message)}>
          {(p) => (
            <Select {...p} {...form.register("vatName")}>
              <option value="">{t("fields.defaultVat")}</option>
              {choices.vatLevels.map((v) => (
                <option key={v.name} value={v.name}>
                  {v.name} ({Number(v.percentage)}%)
                </option>
              ))}
            </Select>
          )}
        </Field>
      </div>
      <DialogFooter cancelLabel={tc("cancel")} busy={isSubmitting}>
        <Button type="submit" pending={isSubmitting}>
          {isSubmitting ? t("saving") : t("save")}
        </Button>
      </DialogFooter>
    </form>
  );
}
