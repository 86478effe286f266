"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { useForm, type Resolver } from "react-hook-form";
import { useTranslations } from "use-intl";
import { applyFieldErrors } from "@/components/apply-action-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useErrorText } from "@/components/use-error-text";
import type { ActionResult } from "@/lib/errors";

/** A confirmation that needs a reason (cancel a registration, void a payment): what the audit keeps. */
export function ReasonDialog<Base extends Record<string, string>>(props: {
  trigger: React.ReactNode;
  title: string;
  body: string;
  reasonLabel: string;
  confirmLabel: string;
  keepLabel?: string;
  /** The action's schema over base + reason, loaded when first validated (lazyZodResolver in the caller). */
  resolver: Resolver<Base & { reason: string }>;
  base: Base;
  run: (input: { reason: string } & Record<string, string>) => Promise<ActionResult<unknown>>;
}) {
  const tc = useTranslations("common");
  const errorText = useErrorText();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  // The form's values are base + reason (the defaults spread base in): what the action's schema checks.
  const resolver = props.resolver as unknown as Resolver<{ reason: string }>;
  const form = useForm<{ reason: string }>({ resolver, defaultValues: { ...props.base, reason: "" } });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async () => {
    setFailure(null);
    const res = await props.run({ ...props.base, reason: form.getValues("reason") });
    if (!res.ok) {
      if (!applyFieldErrors(form.setError, res.fieldErrors, ["reason"])) setFailure(res.error);
      return;
    }
    setOpen(false);
    form.reset();
    router.refresh();
  });

  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>{props.trigger}</DialogTrigger>
      <DialogContent title={props.title} description={props.body}>
        <form onSubmit={onSubmit} noValidate className="space-y-4" aria-busy={isSubmitting}>
          {failure && <Alert tone="error">{errorText(failure)}</Alert>}
          <Field label={props.reasonLabel} error={errorText(errors.reason?.message)}>
            {(p) => <Input {...p} autoComplete="off" autoFocus {...form.register("reason")} />}
          </Field>
          <div className="flex justify-end gap-2">
            <DialogClose asChild>
              <Button type="button" variant="secondary" disabled={isSubmitting}>
                {props.keepLabel ?? tc("cancel")}
              </Button>
            </DialogClose>
            <Button type="submit" variant="danger" pending={isSubmitting}>
              {props.confirmLabel}
            </Button>
          </div>
        </form>
      </DialogContent>
    </Dialog>
  );
}
