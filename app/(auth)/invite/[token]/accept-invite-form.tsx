"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { useTranslations } from "use-intl";
import type { z } from "zod";
import { applyFieldErrors } from "@/components/apply-action-errors";
import { lazyZodResolver } from "@/components/lazy-zod-resolver";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useErrorText } from "@/components/use-error-text";
import type { acceptInviteAsNewUserSchema } from "@/lib/auth/schemas";
import { acceptInviteAsNewUserAction } from "./actions";

const resolver = lazyZodResolver(() => import("@/lib/auth/schemas").then((m) => m.acceptInviteAsNewUserSchema));

type Values = z.input<typeof acceptInviteAsNewUserSchema>;

// Creates the invited address's account. If the address turns out to have one, the answer points to
// signing in instead; the password typed here is never compared with that account's.
export function AcceptInviteForm(props: { token: string; email: string; orgName: string; signInHref: string }) {
  const t = useTranslations("auth.invite");
  const errorText = useErrorText();
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const [needsSignIn, setNeedsSignIn] = useState(false);
  const form = useForm<Values>({
    resolver,
    defaultValues: { token: props.token, name: "", password: "" },
  });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    const res = await acceptInviteAsNewUserAction(values);
    if (!res.ok) {
      setNeedsSignIn(res.error === "auth.invite.signInToAccept");
      if (!applyFieldErrors(form.setError, res.fieldErrors, ["name", "password"])) setFormError(errorText(res.error) ?? res.error);
      return;
    }
    const { signIn } = await import("next-auth/react");
    const signed = await signIn("credentials", { email: res.data.email, password: values.password, redirect: false });
    router.replace(signed?.ok ? "/" : `/sign-in?joined=1&email=${encodeURIComponent(res.data.email)}`);
    router.refresh();
  });

  return (
    <form onSubmit={onSubmit} noValidate className="mt-6 space-y-4">
      <p className="text-sm text-slate-700">{t("newAccount")}</p>
      {formError && (
        <Alert tone="error">
          {formError}{" "}
          {needsSignIn && (
            <Link href={props.signInHref} className="font-medium underline">
              {t("signInToAcceptLink", { email: props.email })}
            </Link>
          )}
        </Alert>
      )}
      <Field label={t("name")} error={errorText(errors.name?.message)}>
        {(p) => <Input {...p} autoComplete="name" autoFocus {...form.register("name")} />}
      </Field>
      <Field label={t("password")} error={errorText(errors.password?.message)}>
        {(p) => <Input {...p} type="password" autoComplete="new-password" {...form.register("password")} />}
      </Field>
      <Button type="submit" className="w-full" pending={isSubmitting}>
        {t("submit", { org: props.orgName })}
      </Button>
    </form>
  );
}
