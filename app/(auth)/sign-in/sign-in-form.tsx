"use client";

import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { useTranslations } from "use-intl";
import type { z } from "zod";
import { lazyZodResolver } from "@/components/lazy-zod-resolver";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useErrorText } from "@/components/use-error-text";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import type { signInSchema } from "@/lib/auth/schemas";

const resolver = lazyZodResolver(() => import("@/lib/auth/schemas").then((m) => m.signInSchema));

// next-auth passes authorize()'s error text on: `throttled:<account|client>:<ISO time>`, or `demo-off`
// for a demo user while demo mode is off (lib/auth/demo-accounts.ts).
const THROTTLED = /^throttled:(account|client):(.+)$/;
const DEMO_OFF = "demo-off";

function minutesUntil(iso: string): number {
  return Math.max(1, Math.ceil((new Date(iso).getTime() - Date.now()) / 60_000));
}

export function SignInForm({ showDemoHint }: { showDemoHint: boolean }) {
  const t = useTranslations("auth.signIn");
  const errorText = useErrorText();
  const router = useRouter();
  const params = useSearchParams();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<z.input<typeof signInSchema>>({
    resolver,
    defaultValues: { email: params.get("email") ?? "", password: "" },
  });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    const { signIn } = await import("next-auth/react");
    const res = await signIn("credentials", { ...values, redirect: false });
    if (res?.ok && !res.error) {
      // Only a path on this origin, checked by parsing: never an open redirect.
      router.replace(safeCallbackPath(params.get("callbackUrl"), window.location.origin) ?? "/");
      router.refresh();
      return;
    }
    const throttled = res?.error ? THROTTLED.exec(res.error) : null;
    if (throttled) {
      const minutes = minutesUntil(throttled[2]!);
      setFormError(throttled[1] === "client" ? t("throttledClient", { minutes }) : t("throttled", { minutes }));
    } else if (res?.error === DEMO_OFF) {
      setFormError(t("demoOff"));
    } else if (res?.error === "CredentialsSignin") {
      setFormError(t("wrong"));
    } else {
      setFormError(t("generic"));
    }
  });

  return (
    <Card className="p-6 sm:p-8">
      <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
      <p className="mt-1 text-sm text-slate-600">{t("subtitle")}</p>
      {params.get("callbackUrl")?.startsWith("/invite/") && (
        <Alert tone="info" className="mt-4">
          {t("toAcceptInvite")}
        </Alert>
      )}
      {params.get("joined") && (
        <Alert tone="success" className="mt-4">
          {errorText("auth.invite.joined")}
        </Alert>
      )}
      <form onSubmit={onSubmit} noValidate className="mt-6 space-y-4">
        {formError && <Alert tone="error">{formError}</Alert>}
        <Field label={t("email")} error={errorText(errors.email?.message)}>
          {(p) => <Input {...p} type="email" autoComplete="username" autoFocus {...form.register("email")} />}
        </Field>
        <Field label={t("password")} error={errorText(errors.password?.message)}>
          {(p) => <Input {...p} type="password" autoComplete="current-password" {...form.register("password")} />}
        </Field>
        <Button type="submit" className="w-full" pending={isSubmitting}>
          {t("submit")}
        </Button>
      </form>
      <p className="mt-6 text-center text-sm text-slate-600">
        {t("noAccount")}{" "}
        <Link href="/sign-up" className="font-medium text-indigo-700 hover:underline">
          {t("createOne")}
        </Link>
      </p>
      {showDemoHint && <p className="mt-4 rounded-md bg-slate-50 p-2 text-center text-xs text-slate-500">{t("demoHint")}</p>}
    </Card>
  );
}
