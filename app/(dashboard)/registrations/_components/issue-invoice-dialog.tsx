"use client";

import { useEffect, useRef, useState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "use-intl";
import { newClientRequestId } from "@/components/invoices/client-request-id";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { useErrorText } from "@/components/use-error-text";
import type { ActionFailure } from "@/lib/errors";
import { formatMoney } from "@/lib/format";
import type { InvoicePreviewView } from "@/lib/invoicing";
import { MAX_BANI } from "@/lib/registrations/constants";
import { baniToInput, parseMoneyToBani } from "@/lib/registrations/money";
import { issueInvoiceAction } from "../actions/issue-invoice";
import { previewInvoiceAction } from "../actions/preview-invoice";
import { IssueInvoicePreview } from "./issue-invoice-dialog-preview";

// Where to fix what stops an invoice from being planned (the setup steps are the admin's).
const FIX_LINKS: Record<string, string> = {
  "invoicing.errors.noProfile": "/setup/profiles",
  "invoicing.errors.noSeries": "/setup/series",
  "invoicing.errors.noVatLevel": "/setup/vat",
  "invoiceIssue.errors.vatLevelUnknown": "/setup/vat",
  "setup.notConnected": "/setup/credentials",
};
const AMOUNT_ERRORS = new Set(["invoicing.errors.amountAboveBalance", "invoicing.errors.amountInvalid"]);
const DEBOUNCE_MS = 400;

function amountProblem(text: string): string | null {
  const bani = parseMoneyToBani(text);
  if (bani === null) return "registrationErrors.validation.amountFormat";
  if (bani <= 0) return "registrationErrors.validation.amountPositive";
  if (bani > MAX_BANI) return "registrationErrors.validation.amountTooLarge";
  return null;
}

/**
 * Manual issue with a preview. Mounted per opening: its clientRequestId is made once here, so a double
 * click on Confirm, or Confirm again after an error, sends the same id and the server makes one request.
 */
export function IssueInvoiceDialog(props: {
  registration: { id: string; reference: string; participantName: string };
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onIssued?: (message: string) => void;
}) {
  const t = useTranslations("invoiceIssue.dialog");
  const tc = useTranslations("common");
  const locale = useLocale();
  const router = useRouter();
  const errorText = useErrorText();
  const r = props.registration;
  const [clientRequestId] = useState(newClientRequestId);
  const [amount, setAmount] = useState<string | null>(null);
  const [vat, setVat] = useState("");
  const [preview, setPreview] = useState<InvoicePreviewView | null>(null);
  const [defaultVat, setDefaultVat] = useState<InvoicePreviewView["vat"]>(null);
  const [pending, setPending] = useState(true);
  const [failure, setFailure] = useState<ActionFailure | null>(null);
  const [amountError, setAmountError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const submittingRef = useRef(false);
  const seq = useRef(0);
  const [reloads, setReloads] = useState(0);

  // The preview follows the amount and VAT level, debounced; a late answer to an older request is dropped.
  useEffect(() => {
    // Every change outdates the answer still on its way, even one that will not be sent (an unreadable amount).
    const n = ++seq.current;
    const problem = amount === null ? null : amountProblem(amount);
    if (problem) return;
    const timer = setTimeout(
      async () => {
        const bani = amount === null ? null : parseMoneyToBani(amount);
        const res = await previewInvoiceAction({ registrationId: r.id, amount: bani === null ? "" : baniToInput(bani), vatOverride: vat });
        if (n !== seq.current) return;
        setPending(false);
        if (res.ok) {
          setPreview(res.data);
          setFailure(null);
          setAmountError(null);
          if (amount === null) {
            setAmount(baniToInput(res.data.amountBani));
            setDefaultVat(res.data.vat);
          }
        } else if (AMOUNT_ERRORS.has(res.error) || res.fieldErrors?.amount) {
          setAmountError(res.fieldErrors?.amount?.[0] ?? res.error);
        } else {
          setFailure(res);
        }
      },
      amount === null && reloads === 0 ? 0 : DEBOUNCE_MS,
    );
    return () => clearTimeout(timer);
  }, [amount, vat, reloads, r.id]);

  const onAmount = (text: string) => {
    setAmount(text);
    const problem = amountProblem(text);
    setAmountError(problem);
    setPending(!problem);
  };
  const onVat = (name: string) => {
    setVat(name);
    if (!amountError) setPending(true);
  };
  const retry = () => {
    setFailure(null);
    setPending(true);
    setReloads((n) => n + 1);
  };

  const upToDate = !!preview && !pending && !amountError && parseMoneyToBani(amount ?? "") === preview.amountBani && (preview.vatOverride ?? "") === vat;

  const confirm = async () => {
    if (!preview || !upToDate || submittingRef.current) return;
    submittingRef.current = true;
    setSubmitting(true);
    setFailure(null);
    const res = await issueInvoiceAction({ registrationId: r.id, clientRequestId, amount: baniToInput(preview.amountBani), vatOverride: preview.vatOverride ?? "" });
    submittingRef.current = false;
    setSubmitting(false);
    if (!res.ok) {
      setFailure(res);
      return;
    }
    props.onIssued?.(t(res.data.alreadyOpen ? "alreadyOpen" : "requested", { reference: r.reference }));
    props.onOpenChange(false);
    router.refresh();
  };

  const levelText = (l: { name: string; percentage: number }) => t("vatOption", { name: l.name, percentage: String(l.percentage).replace(".", ",") });
  const fix = failure ? FIX_LINKS[failure.error] : undefined;
  const alreadyInvoiced = !preview && failure?.error === "invoicing.errors.alreadyInvoiced";
  const status = pending ? (preview ? t("updating") : t("loading")) : "";

  return (
    <Dialog open={props.open} onOpenChange={(open) => !submitting && props.onOpenChange(open)}>
      <DialogContent title={t("title")} description={t("description", { reference: r.reference, participant: r.participantName })} className="max-h-[calc(100dvh-2rem)] max-w-2xl overflow-y-auto">
        <form
          noValidate
          className="space-y-4"
          aria-busy={pending || submitting}
          onSubmit={(e) => {
            e.preventDefault();
            void confirm();
          }}
        >
          <p className="sr-only" role="status" aria-live="polite">
            {status}
          </p>
          {failure && (
            <Alert tone={alreadyInvoiced ? "info" : "error"}>
              <p>{errorText(failure)}</p>
              {failure.detail && <p className="mt-1 text-xs">{t("smartbillSaid", { text: failure.detail })}</p>}
              {(fix || !preview) && (
                <p className="mt-2 flex flex-wrap gap-3">
                  {fix && (
                    <Link href={fix} className="font-medium underline">
                      {t("fixLink")}
                    </Link>
                  )}
                  {!preview && !alreadyInvoiced && (
                    <button type="button" className="font-medium underline" onClick={retry}>
                      {t("retry")}
                    </button>
                  )}
                </p>
              )}
            </Alert>
          )}
          {!preview && pending && (
            <div className="space-y-3" aria-hidden data-testid="invoice-preview-loading">
              <p className="text-sm text-slate-600">{t("loading")}</p>
              <div className="h-20 animate-pulse rounded-md bg-slate-100" />
              <div className="h-16 animate-pulse rounded-md bg-slate-100" />
            </div>
          )}
          {preview && (
            <>
              <div className="grid gap-4 sm:grid-cols-2">
                <Field label={t("amount")} hint={t("amountHint", { balance: formatMoney(preview.uninvoicedBani, locale) })} error={errorText(amountError)}>
                  {(p) => <Input {...p} inputMode="decimal" autoComplete="off" autoFocus value={amount ?? ""} onChange={(e) => onAmount(e.target.value)} />}
                </Field>
                {preview.vatMode !== "not_payer" && preview.vatLevels.length > 0 && (
                  <Field label={t("vatLevel")}>
                    {(p) => (
                      <Select {...p} value={vat} onChange={(e) => onVat(e.target.value)}>
                        <option value="">{defaultVat ? t("vatDefault", { level: levelText(defaultVat) }) : t("vatDefaultPlain")}</option>
                        {preview.vatLevels.map((l) => (
                          <option key={l.name} value={l.name}>
                            {levelText(l)}
                          </option>
                        ))}
                      </Select>
                    )}
                  </Field>
                )}
              </div>
              <IssueInvoicePreview preview={preview} stale={!upToDate} />
              {pending && (
                <p className="text-xs text-slate-500" aria-hidden>
                  {t("updating")}
                </p>
              )}
            </>
          )}
          <div className="flex flex-col-reverse gap-2 border-t border-slate-200 pt-4 sm:flex-row sm:justify-end">
            <DialogClose asChild>
              <Button type="button" variant="secondary" disabled={submitting}>
                {tc("cancel")}
              </Button>
            </DialogClose>
            {!alreadyInvoiced && (
              <Button type="submit" pending={submitting} disabled={!upToDate}>
                {submitting ? t("confirming") : t("confirm")}
              </Button>
            )}
          </div>
        </form>
      </DialogContent>
    </Dialog>
  );
}
