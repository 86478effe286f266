"use client";

import { useId, useState } from "react";
import { useRouter } from "next/navigation";
import { Controller, useForm, useWatch } from "react-hook-form";
import { useLocale, useTranslations } from "use-intl";
import { applyFieldErrors } from "@/components/apply-action-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { useErrorText } from "@/components/use-error-text";
import { formatMoney } from "@/lib/format";
import { baniToInput } from "@/lib/registrations/money";
import { lazyZodResolver } from "@/components/lazy-zod-resolver";
import type { RegistrationInput, RegistrationValues } from "@/lib/registrations/schemas";
import { saveRegistrationAction } from "../actions/save-registration";
import { ClientPicker, type PickedClient } from "./client-picker";

const FIELDS = ["clientId", "courseId", "participantName", "price", "downPayment"] as const;
const resolver = lazyZodResolver(() => import("@/lib/registrations/schemas").then((m) => m.registrationSchema));

export interface CourseOption {
  id: string;
  name: string;
  termName: string;
  priceBani: number;
}

/** Create (then open the new registration) or edit (then call onSaved). */
export function RegistrationForm(props: {
  courses: CourseOption[];
  initial: RegistrationInput;
  initialClient: PickedClient | null;
  onSaved?: () => void;
  footer?: React.ReactNode;
}) {
  const t = useTranslations("registrations.form");
  const locale = useLocale();
  const router = useRouter();
  const errorText = useErrorText();
  const clientLabelId = useId();
  const [failure, setFailure] = useState<string | null>(null);
  const [client, setClient] = useState<PickedClient | null>(props.initialClient);
  const editing = !!props.initial.id;
  const form = useForm<RegistrationInput, unknown, RegistrationValues>({ resolver, defaultValues: props.initial });
  const { errors, isSubmitting } = form.formState;
  const courseId = useWatch({ control: form.control, name: "courseId" });
  const course = props.courses.find((c) => c.id === courseId);

  const onSubmit = form.handleSubmit(async () => {
    setFailure(null);
    const res = await saveRegistrationAction(form.getValues());
    if (!res.ok) {
      if (!applyFieldErrors(form.setError, res.fieldErrors, FIELDS)) setFailure(res.error);
      return;
    }
    if (props.onSaved) {
      props.onSaved();
      router.refresh();
    } else {
      router.push(`/registrations/${res.data.id}`);
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-5" aria-busy={isSubmitting}>
      {failure && <Alert tone="error">{errorText(failure)}</Alert>}
      <div className="space-y-1.5">
        <p id={clientLabelId} className="text-sm font-medium text-slate-800">
          {t("client")}
        </p>
        <Controller
          control={form.control}
          name="clientId"
          render={({ field }) => (
            <ClientPicker
              labelId={clientLabelId}
              value={client}
              error={errorText(errors.clientId?.message)}
              onChange={(c) => {
                setClient(c);
                field.onChange(c?.id ?? "");
              }}
            />
          )}
        />
      </div>
      <Field label={t("participant")} error={errorText(errors.participantName?.message)}>
        {(p) => <Input {...p} autoComplete="off" {...form.register("participantName")} />}
      </Field>
      <Field label={t("course")} error={errorText(errors.courseId?.message)}>
        {(p) => (
          <Select
            {...p}
            {...form.register("courseId", {
              // The price follows the course until someone types their own.
              onChange: (e: React.ChangeEvent<HTMLSelectElement>) => {
                const picked = props.courses.find((c) => c.id === e.target.value);
                if (picked && !form.getFieldState("price").isDirty) form.setValue("price", baniToInput(picked.priceBani));
              },
            })}
          >
            <option value="">{t("chooseCourse")}</option>
            {props.courses.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name} · {c.termName} · {formatMoney(c.priceBani, locale)}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label={t("price")} hint={course ? t("priceHint", { price: formatMoney(course.priceBani, locale) }) : undefined} error={errorText(errors.price?.message)}>
          {(p) => <Input {...p} inputMode="decimal" autoComplete="off" {...form.register("price")} />}
        </Field>
        <Field label={t("downPayment")} hint={t("downPaymentHint")} error={errorText(errors.downPayment?.message)}>
          {(p) => <Input {...p} inputMode="decimal" autoComplete="off" {...form.register("downPayment")} />}
        </Field>
      </div>
      <div className="flex justify-end gap-2 border-t border-slate-200 pt-4">
        {props.footer}
        <Button type="submit" pending={isSubmitting}>
          {editing ? (isSubmitting ? t("saving") : t("save")) : isSubmitting ? t("creating") : t("create")}
        </Button>
      </div>
    </form>
  );
}
