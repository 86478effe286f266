"use client";

import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { Check, Copy } from "lucide-react";
import { useTranslations } from "use-intl";
import { applyFieldErrors } from "@/components/apply-action-errors";
import { lazyZodResolver } from "@/components/lazy-zod-resolver";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { useErrorText } from "@/components/use-error-text";
import type { InviteInput } from "@/lib/auth/schemas";
import { ROLES } from "@/lib/auth/roles";
import { inviteMemberAction } from "../actions";

const resolver = lazyZodResolver(() => import("@/lib/auth/schemas").then((m) => m.inviteSchema));

export function InviteForm() {
  const t = useTranslations("team");
  const tr = useTranslations("roles");
  const tc = useTranslations("common");
  const errorText = useErrorText();
  const [created, setCreated] = useState<{ email: string; link: string } | null>(null);
  const [copied, setCopied] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<InviteInput>({ resolver, defaultValues: { email: "", role: "staff" } });
  const { errors, isSubmitting } = form.formState;
  const role = useWatch({ control: form.control, name: "role" });

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    setCopied(false);
    const res = await inviteMemberAction(values);
    if (!res.ok) {
      if (!applyFieldErrors(form.setError, res.fieldErrors, ["email", "role"])) setFormError(errorText(res) ?? null);
      return;
    }
    setCreated(res.data);
    form.reset({ email: "", role: values.role });
  });

  const copy = async () => {
    if (!created) return;
    await navigator.clipboard?.writeText(created.link).catch(() => {});
    setCopied(true);
  };

  return (
    <Card className="p-5">
      <h2 className="text-base font-medium">{t("invite.title")}</h2>
      <p className="mt-1 text-sm text-slate-600">{t("invite.body")}</p>
      <form onSubmit={onSubmit} noValidate className="mt-4 space-y-4">
        {formError && <Alert tone="error">{formError}</Alert>}
        <Field label={t("invite.email")} error={errorText(errors.email?.message)}>
          {(p) => <Input {...p} type="email" autoComplete="off" {...form.register("email")} />}
        </Field>
        <Field label={t("invite.role")} hint={t(`roleHelp.${role ?? "staff"}`)} error={errorText(errors.role?.message)}>
          {(p) => (
            <Select {...p} {...form.register("role")}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {tr(r)}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Button type="submit" pending={isSubmitting}>
          {t("invite.submit")}
        </Button>
      </form>
      {created && (
        <div className="mt-4 space-y-2" role="status">
          <p className="text-sm text-emerald-800">{t("invite.linkReady", { email: created.email })}</p>
          <div className="flex gap-2">
            <Input readOnly value={created.link} aria-label={t("invite.linkReady", { email: created.email })} onFocus={(e) => e.currentTarget.select()} data-testid="invite-link" />
            <Button type="button" variant="secondary" onClick={copy}>
              {copied ? <Check className="size-4" aria-hidden /> : <Copy className="size-4" aria-hidden />}
              <span className="sr-only sm:not-sr-only">{copied ? tc("copied") : tc("copy")}</span>
            </Button>
          </div>
        </div>
      )}
    </Card>
  );
}
