"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { useLocale, useTranslations } from "use-intl";
import { applyFieldErrors } from "@/components/apply-action-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogFooter } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { useErrorText } from "@/components/use-error-text";
import { formatMoney } from "@/lib/format";
import { todayInBucharest } from "@/lib/registrations/dates";
import { baniToInput } from "@/lib/registrations/money";
import { lazyZodResolver } from "@/components/lazy-zod-resolver";
import { PAYMENT_METHODS } from "@/lib/registrations/constants";
import type { RecordPaymentInput, RecordPaymentValues } from "@/lib/registrations/schemas";
import { recordPaymentAction } from "../actions/record-payment";

const FIELDS = ["amount", "paidOn", "method", "note"] as const;
const resolver = lazyZodResolver(() => import("@/lib/registrations/schemas").then((m) => m.recordPaymentSchema));

/** Amount prefilled with the balance, date with today in Bucharest: the usual case is one click. */
export function RecordPaymentDialog(props: {
  registration: { id: string; reference: string; participantName: string; balanceBani: number };
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onRecorded?: (message: string) => void;
}) {
  const t = useTranslations("registrations.payment");
  const tc = useTranslations("common");
  const locale = useLocale();
  const router = useRouter();
  const errorText = useErrorText();
  const [failure, setFailure] = useState<string | null>(null);
  const r = props.registration;
  const form = useForm<RecordPaymentInput, unknown, RecordPaymentValues>({
    resolver,
    defaultValues: { registrationId: r.id, amount: r.balanceBani > 0 ? baniToInput(r.balanceBani) : "", paidOn: todayInBucharest(), method: "cash", note: "" },
  });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    setFailure(null);
    const res = await recordPaymentAction(form.getValues());
    if (!res.ok) {
      if (!applyFieldErrors(form.setError, res.fieldErrors, FIELDS)) setFailure(res.error);
      return;
    }
    props.onOpenChange(false);
    props.onRecorded?.(t("recorded", { amount: formatMoney(values.amount, locale), reference: r.reference }));
    router.refresh();
  });

  return (
    <Dialog open={props.open} onOpenChange={props.onOpenChange}>
      <DialogContent title={t("title")} description={t("for", { reference: r.reference, participant: r.participantName, balance: formatMoney(r.balanceBani, locale) })}>
        <form onSubmit={onSubmit} noValidate className="space-y-4" aria-busy={isSubmitting}>
          {failure && <Alert tone="error">{errorText(failure)}</Alert>}
          <div className="grid gap-4 sm:grid-cols-2">
            <Field label={t("amount")} hint={t("amountHint")} error={errorText(errors.amount?.message)} className="sm:col-span-2">
              {(p) => <Input {...p} inputMode="decimal" autoComplete="off" autoFocus {...form.register("amount")} />}
            </Field>
            <Field label={t("date")} error={errorText(errors.paidOn?.message)}>
              {(p) => <Input {...p} type="date" {...form.register("paidOn")} />}
            </Field>
            <Field label={t("method")} error={errorText(errors.method?.message)}>
              {(p) => (
                <Select {...p} {...form.register("method")}>
                  {PAYMENT_METHODS.map((m) => (
                    <option key={m} value={m}>
                      {t(`methods.${m}`)}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
            <Field label={t("note")} error={errorText(errors.note?.message)} className="sm:col-span-2">
              {(p) => <Input {...p} autoComplete="off" {...form.register("note")} />}
            </Field>
          </div>
          <DialogFooter cancelLabel={tc("cancel")} busy={isSubmitting}>
            <Button type="submit" pending={isSubmitting}>
              {isSubmitting ? t("saving") : t("submit")}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
