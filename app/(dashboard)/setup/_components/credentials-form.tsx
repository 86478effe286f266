"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { FlaskConical } from "lucide-react";
import { useTranslations } from "use-intl";
import type { z } from "zod";
import { applyFieldErrors } from "@/components/apply-action-errors";
import { lazyZodResolver } from "@/components/lazy-zod-resolver";
import { Alert } from "@/components/ui/alert";
import { Button, buttonVariants } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useErrorText } from "@/components/use-error-text";
import type { credentialsSchema } from "@/lib/billing/schemas";
import { connectSandboxAction, verifyCredentialsAction } from "../actions/credentials";
import { ActionError, type ShownFailure } from "./action-error";

const resolver = lazyZodResolver(() => import("@/lib/billing/schemas").then((m) => m.credentialsSchema));

type Values = z.input<typeof credentialsSchema>;

interface Current {
  username: string;
  cif: string;
  last4: string;
  isSandbox: boolean;
  vatPayer: boolean;
}
interface Outcome {
  seriesCount: number;
  taxesCount: number;
  vatPayer: boolean;
}

export function CredentialsForm({ current, sandboxAvailable }: { current: Current | null; sandboxAvailable: boolean }) {
  const t = useTranslations("setup.credentials");
  const ts = useTranslations("setup");
  const errorText = useErrorText();
  const router = useRouter();
  const [failure, setFailure] = useState<ShownFailure | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [sandboxPending, startSandbox] = useTransition();
  const form = useForm<Values>({
    resolver,
    defaultValues: { username: current && !current.isSandbox ? current.username : "", token: "", cif: current && !current.isSandbox ? current.cif : "" },
  });
  const { errors, isSubmitting } = form.formState;
  const busy = isSubmitting || sandboxPending;

  const onResult = (res: Awaited<ReturnType<typeof verifyCredentialsAction>>) => {
    if (!res.ok) {
      applyFieldErrors(form.setError, res.fieldErrors, ["username", "token", "cif"]);
      setFailure(res);
      return;
    }
    setOutcome(res.data);
    form.setValue("token", "");
    router.refresh();
  };

  const onSubmit = form.handleSubmit(async (values) => {
    setFailure(null);
    setOutcome(null);
    onResult(await verifyCredentialsAction(values));
  });

  const connectSandbox = () =>
    startSandbox(async () => {
      setFailure(null);
      setOutcome(null);
      onResult(await connectSandboxAction({}));
    });

  return (
    <div className="space-y-6">
      <Card className="p-6">
        <h2 id="step-title" className="text-lg font-semibold">
          {t("title")}
        </h2>
        <p className="mt-1 text-sm text-slate-600">{t("intro")}</p>
        {current && (
          <Alert tone="success" className="mt-4">
            {current.isSandbox
              ? t("connectedSandbox", { username: current.username, cif: current.cif })
              : t("connected", { username: current.username, cif: current.cif, last4: current.last4 })}
          </Alert>
        )}
        <form onSubmit={onSubmit} noValidate className="mt-5 space-y-4" aria-busy={busy}>
          <ActionError error={failure} />
          {outcome && (
            <div className="space-y-2" role="status">
              <Alert tone="success">{t("verified", { series: outcome.seriesCount, taxes: outcome.taxesCount })}</Alert>
              {!outcome.vatPayer && <Alert tone="info">{t("notVatPayer")}</Alert>}
            </div>
          )}
          <Field label={t("username")} error={errorText(errors.username?.message)}>
            {(p) => <Input {...p} type="email" autoComplete="off" {...form.register("username")} />}
          </Field>
          <Field
            label={t("token")}
            hint={current && !current.isSandbox ? t("tokenKeep", { last4: current.last4 }) : t("tokenHint")}
            error={errorText(errors.token?.message)}
          >
            {(p) => <Input {...p} type="password" autoComplete="new-password" spellCheck={false} {...form.register("token")} />}
          </Field>
          <Field label={t("cif")} hint={t("cifHint")} error={errorText(errors.cif?.message)}>
            {(p) => <Input {...p} autoComplete="off" {...form.register("cif")} />}
          </Field>
          <div className="flex flex-wrap items-center gap-3 pt-2">
            <Button type="submit" pending={isSubmitting} disabled={busy}>
              {isSubmitting ? t("verifying") : t("verify")}
            </Button>
            {current && (
              <Link href="/setup/generation" className={buttonVariants({ variant: "secondary" })}>
                {ts("next")}
              </Link>
            )}
          </div>
        </form>
      </Card>
      {sandboxAvailable && (
        <Card className="flex flex-col gap-4 border-dashed p-6 sm:flex-row sm:items-center">
          <FlaskConical className="size-8 shrink-0 text-amber-600" aria-hidden />
          <div className="flex-1">
            <h3 className="font-medium">{t("sandboxTitle")}</h3>
            <p className="mt-1 text-sm text-slate-600">{t("sandboxBody")}</p>
          </div>
          <Button variant="secondary" onClick={connectSandbox} pending={sandboxPending} disabled={busy}>
            {t("useSandbox")}
          </Button>
        </Card>
      )}
    </div>
  );
}
