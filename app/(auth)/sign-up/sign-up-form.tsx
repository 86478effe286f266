"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { useTranslations } from "use-intl";
import { applyFieldErrors } from "@/components/apply-action-errors";
import { lazyZodResolver } from "@/components/lazy-zod-resolver";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useErrorText } from "@/components/use-error-text";
import type { SignUpInput } from "@/lib/auth/schemas";
import { signUpAction } from "./actions";

const resolver = lazyZodResolver(() => import("@/lib/auth/schemas").then((m) => m.signUpSchema));

const FIELDS = ["orgName", "name", "email", "password"] as const;

export function SignUpForm() {
  const t = useTranslations("auth.signUp");
  const errorText = useErrorText();
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<SignUpInput>({
    resolver,
    defaultValues: { orgName: "", name: "", email: "", password: "" },
  });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    const res = await signUpAction(values);
    if (!res.ok) {
      if (!applyFieldErrors(form.setError, res.fieldErrors, FIELDS)) setFormError(errorText(res.error) ?? res.error);
      return;
    }
    const { signIn } = await import("next-auth/react");
    const signed = await signIn("credentials", { email: values.email, password: values.password, redirect: false });
    router.replace(signed?.ok ? "/setup" : "/sign-in");
    router.refresh();
  });

  return (
    <Card className="p-6 sm:p-8">
      <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
      <p className="mt-1 text-sm text-slate-600">{t("subtitle")}</p>
      <form onSubmit={onSubmit} noValidate className="mt-6 space-y-4">
        {formError && <Alert tone="error">{formError}</Alert>}
        <Field label={t("orgName")} error={errorText(errors.orgName?.message)}>
          {(p) => <Input {...p} autoComplete="organization" autoFocus {...form.register("orgName")} />}
        </Field>
        <Field label={t("name")} error={errorText(errors.name?.message)}>
          {(p) => <Input {...p} autoComplete="name" {...form.register("name")} />}
        </Field>
        <Field label={t("email")} error={errorText(errors.email?.message)}>
          {(p) => <Input {...p} type="email" autoComplete="email" {...form.register("email")} />}
        </Field>
        <Field label={t("password")} hint={t("passwordHint")} error={errorText(errors.password?.message)}>
          {(p) => <Input {...p} type="password" autoComplete="new-password" {...form.register("password")} />}
        </Field>
        <Button type="submit" className="w-full" pending={isSubmitting}>
          {t("submit")}
        </Button>
      </form>
      <p className="mt-6 text-center text-sm text-slate-600">
        {t("haveAccount")}{" "}
        <Link href="/sign-in" className="font-medium text-indigo-700 hover:underline">
          {t("signIn")}
        </Link>
      </p>
    </Card>
  );
}
