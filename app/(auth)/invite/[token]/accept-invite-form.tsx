"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { useTranslations } from "use-intl";
import type { z } from "zod";
import { applyFieldErrors } from "@/components/apply-action-errors";
import { lazyZodResolver } from "@/components/lazy-zod-resolver";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useErrorText } from "@/components/use-error-text";
import type { acceptInviteSchema } from "@/lib/auth/schemas";
import { acceptInviteAction } from "./actions";

const resolver = lazyZodResolver(() => import("@/lib/auth/schemas").then((m) => m.acceptInviteSchema));

type Values = z.input<typeof acceptInviteSchema>;

export function AcceptInviteForm(props: {
  token: string;
  email: string;
  orgName: string;
  inviterName: string;
  role: "admin" | "staff" | "accountant";
  hasAccount: boolean;
}) {
  const t = useTranslations("auth.invite");
  const tr = useTranslations("roles");
  const errorText = useErrorText();
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<Values>({
    resolver,
    defaultValues: { token: props.token, name: "", password: "" },
  });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    const res = await acceptInviteAction(values);
    if (!res.ok) {
      if (!applyFieldErrors(form.setError, res.fieldErrors, ["name", "password"])) setFormError(errorText(res.error) ?? res.error);
      return;
    }
    router.replace(`/sign-in?joined=1&email=${encodeURIComponent(res.data.email)}`);
  });

  return (
    <Card className="p-6 sm:p-8">
      <h1 className="text-2xl font-semibold tracking-tight">{t("title", { org: props.orgName })}</h1>
      <p className="mt-1 text-sm text-slate-600">
        {t("subtitle", { inviter: props.inviterName, email: props.email, role: tr(props.role) })}
      </p>
      <form onSubmit={onSubmit} noValidate className="mt-6 space-y-4">
        {formError && <Alert tone="error">{formError}</Alert>}
        {props.hasAccount ? (
          <>
            <p className="text-sm text-slate-700">{t("existing", { org: props.orgName })}</p>
            <Field label={t("existingPassword")} error={errorText(errors.password?.message)}>
              {(p) => <Input {...p} type="password" autoComplete="current-password" autoFocus {...form.register("password")} />}
            </Field>
          </>
        ) : (
          <>
            <Field label={t("name")} error={errorText(errors.name?.message)}>
              {(p) => <Input {...p} autoComplete="name" autoFocus {...form.register("name")} />}
            </Field>
            <Field label={t("password")} error={errorText(errors.password?.message)}>
              {(p) => <Input {...p} type="password" autoComplete="new-password" {...form.register("password")} />}
            </Field>
          </>
        )}
        <Button type="submit" className="w-full" pending={isSubmitting}>
          {t("submit", { org: props.orgName })}
        </Button>
      </form>
    </Card>
  );
}
