"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { useTranslations } from "use-intl";
import { applyFieldErrors } from "@/components/apply-action-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useErrorText } from "@/components/use-error-text";
import type { ActionResult } from "@/lib/errors";

type ReasonSchema = z.ZodType<{ reason: string } & Record<string, unknown>, { reason: string } & Record<string, unknown>>;

/** A confirmation that needs a reason (cancel a registration, void a payment): what the audit keeps. */
export function ReasonDialog(props: {
  trigger: React.ReactNode;
  title: string;
  body: string;
  reasonLabel: string;
  confirmLabel: string;
  keepLabel?: string;
  schema: ReasonSchema;
  base: Record<string, string>;
  run: (input: { reason: string } & Record<string, string>) => Promise<ActionResult<unknown>>;
}) {
  const tc = useTranslations("common");
  const errorText = useErrorText();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm<{ reason: string }>({ resolver: zodResolver(props.schema) as never, defaultValues: { ...props.base, reason: "" } });
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
