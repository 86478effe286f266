"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "use-intl";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogFooter, DialogTrigger } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useErrorText } from "@/components/use-error-text";
import type { ActionResult } from "@/lib/errors";

/**
 * A dialog that asks for one value and runs one action with it (the inbox's Link and Resolve): the
 * field's own error under it, any other refusal (with its detail, e.g. SmartBill's text or the mark a
 * document carries) above, and on success the dialog closes, the caller is told, the page refreshes.
 */
export function OneFieldDialog<T>(p: {
  trigger: React.ReactNode;
  title: string;
  description: string;
  label: string;
  hint?: string;
  /** The value the field starts with each time the dialog opens. */
  initial: string;
  /** The action's input field the value goes to (for its field error). */
  field: string;
  inputProps?: React.ComponentProps<typeof Input>;
  confirmLabel: string;
  run: (value: string) => Promise<ActionResult<T>>;
  onDone: (data: T, value: string) => void;
}) {
  const tc = useTranslations("common");
  const errorText = useErrorText();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState(p.initial);
  const [pending, setPending] = useState(false);
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [failure, setFailure] = useState<{ error: string; requestId?: string; detail?: string } | null>(null);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setPending(true);
    setFailure(null);
    setFieldError(undefined);
    try {
      const res = await p.run(value);
      if (!res.ok) {
        const onField = res.fieldErrors?.[p.field]?.[0];
        if (onField) setFieldError(onField);
        else setFailure(res);
        return;
      }
      setOpen(false);
      p.onDone(res.data, value.trim());
      router.refresh();
    } finally {
      setPending(false);
    }
  }

  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (o) {
          setValue(p.initial);
          setFailure(null);
          setFieldError(undefined);
        }
      }}
    >
      <DialogTrigger asChild>{p.trigger}</DialogTrigger>
      <DialogContent title={p.title} description={p.description}>
        <form onSubmit={submit} noValidate className="space-y-4" aria-busy={pending}>
          {failure && (
            <Alert tone="error">
              <p>{errorText(failure)}</p>
              {failure.detail && <p className="mt-1 font-mono text-xs">{failure.detail}</p>}
            </Alert>
          )}
          <Field label={p.label} hint={p.hint} error={errorText(fieldError)}>
            {(f) => <Input {...f} {...p.inputProps} value={value} onChange={(e) => setValue(e.target.value)} autoComplete="off" />}
          </Field>
          <DialogFooter cancelLabel={tc("cancel")} busy={pending}>
            <Button type="submit" pending={pending}>
              {p.confirmLabel}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
