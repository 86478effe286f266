"use client";

import { useTranslations } from "use-intl";
import { Button } from "@/components/ui/button";
import { linkInvoiceAction } from "../actions/link-invoice";
import { OneFieldDialog } from "../_components/one-field-dialog";

/**
 * "Link SERIES-NUMBER": the number of the document that carries this request's mark prefilled (editable,
 * empty when none does); Bursar reads that document first and links it only if it carries the mark.
 */
export function LinkDialog({ requestId, series, mark, suggested, onLinked }: { requestId: string; series: string; mark: string | null; suggested: string; onLinked: (notice: string) => void }) {
  const t = useTranslations("invoiceInbox.reconcile");
  return (
    <OneFieldDialog
      trigger={<Button type="button">{suggested ? t("link", { number: `${series}-${suggested}` }) : t("linkAny")}</Button>}
      title={t("linkTitle")}
      description={t("linkBody", { mark: mark ?? t("noMark") })}
      label={t("numberLabel", { series })}
      initial={suggested}
      field="number"
      inputProps={{ inputMode: "numeric", autoFocus: true }}
      confirmLabel={t("linkConfirm")}
      run={(number) => linkInvoiceAction({ requestId, number })}
      onDone={(data) => onLinked(t("linked", { number: `${series}-${data.number}` }))}
    />
  );
}
