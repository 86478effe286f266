"use client";

import { useTranslations } from "use-intl";
import { Button } from "@/components/ui/button";
import { resumeIssuingAction } from "../invoices/actions/resume-issuing";
import { ConfirmAction } from "../invoices/_components/confirm-action";

export function ResumeIssuingButton() {
  const t = useTranslations("invoiceInbox.pause");
  return (
    <ConfirmAction
      trigger={
        <Button type="button" size="sm">
          {t("resume")}
        </Button>
      }
      title={t("resumeTitle")}
      body={<p>{t("resumeBody")}</p>}
      confirmLabel={t("resume")}
      run={() => resumeIssuingAction({})}
    />
  );
}
