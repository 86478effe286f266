"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "use-intl";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useErrorText } from "@/components/use-error-text";
import { linkInvoiceAction } from "../actions/link-invoice";

/**
 * "Link SERIES-NUMBER": the number of the document that carries this request's mark prefilled (editable,
 * empty when none does); Bursar reads that document first and links it only if it carries the mark.
 */
export function LinkDialog({ requestId, series, mark, suggested, onLinked }: { requestId: string; series: string; mark: string | null; suggested: string; onLinked: (notice: string) => void }) {
  const t = useTranslations("invoiceInbox.reconcile");
  const tc = useTranslations("common");
  const errorText = useErrorText();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [number, setNumber] = useState(suggested);
  const [pending, setPending] = useState(false);
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [failure, setFailure] = useState<{ error: string; requestId?: string; detail?: string } | null>(null);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setPending(true);
    setFailure(null);
    setFieldError(undefined);
    try {
      const res = await linkInvoiceAction({ requestId, number });
      if (!res.ok) {
        const onField = res.fieldErrors?.number?.[0];
        if (onField) setFieldError(onField);
        else setFailure(res);
        return;
      }
      setOpen(false);
      onLinked(t("linked", { number: `${series}-${res.data.number}` }));
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
          setNumber(suggested);
          setFailure(null);
          setFieldError(undefined);
        }
      }}
    >
      <DialogTrigger asChild>
        <Button type="button">{suggested ? t("link", { number: `${series}-${suggested}` }) : t("linkAny")}</Button>
      </DialogTrigger>
      <DialogContent title={t("linkTitle")} description={t("linkBody", { mark: mark ?? t("noMark") })}>
        <form onSubmit={submit} noValidate className="space-y-4" aria-busy={pending}>
          {failure && (
            <Alert tone="error">
              <p>{errorText(failure)}</p>
              {failure.detail && <p className="mt-1 font-mono text-xs">{failure.detail}</p>}
            </Alert>
          )}
          <Field label={t("numberLabel", { series })} error={errorText(fieldError)}>
            {(p) => <Input {...p} value={number} onChange={(e) => setNumber(e.target.value)} inputMode="numeric" autoComplete="off" autoFocus />}
          </Field>
          <div className="flex justify-end gap-2">
            <DialogClose asChild>
              <Button type="button" variant="secondary" disabled={pending}>
                {tc("cancel")}
              </Button>
            </DialogClose>
            <Button type="submit" pending={pending}>
              {t("linkConfirm")}
            </Button>
          </div>
        </form>
      </DialogContent>
    </Dialog>
  );
}
