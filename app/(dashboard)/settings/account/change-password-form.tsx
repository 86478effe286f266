"use client";

import { useState } from "react";
import { useForm } from "react-hook-form";
import { useTranslations } from "use-intl";
import { applyFieldErrors } from "@/components/apply-action-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useErrorText } from "@/components/use-error-text";
import { lazyZodResolver } from "@/components/lazy-zod-resolver";
import type { ChangePasswordInput } from "@/lib/auth/schemas";

const resolver = lazyZodResolver(() => import("@/lib/auth/schemas").then((m) => m.changePasswordSchema));
import { changePasswordAction } from "./actions";

export function ChangePasswordForm() {
  const t = useTranslations("auth.password");
  const errorText = useErrorText();
  const [formError, setFormError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const form = useForm<ChangePasswordInput>({
    resolver,
    defaultValues: { currentPassword: "", newPassword: "" },
  });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    setDone(false);
    const res = await changePasswordAction(values);
    if (!res.ok) {
      if (!applyFieldErrors(form.setError, res.fieldErrors, ["currentPassword", "newPassword"])) setFormError(errorText(res.error) ?? res.error);
      return;
    }
    form.reset();
    setDone(true);
  });

  return (
    <Card className="p-6">
      <form onSubmit={onSubmit} noValidate className="space-y-4">
        {formError && <Alert tone="error">{formError}</Alert>}
        {done && <Alert tone="success">{t("done")}</Alert>}
        <Field label={t("current")} error={errorText(errors.currentPassword?.message)}>
          {(p) => <Input {...p} type="password" autoComplete="current-password" {...form.register("currentPassword")} />}
        </Field>
        <Field label={t("new")} hint={t("newHint")} error={errorText(errors.newPassword?.message)}>
          {(p) => <Input {...p} type="password" autoComplete="new-password" {...form.register("newPassword")} />}
        </Field>
        <Button type="submit" pending={isSubmitting}>
          {t("submit")}
        </Button>
      </form>
    </Card>
  );
}
