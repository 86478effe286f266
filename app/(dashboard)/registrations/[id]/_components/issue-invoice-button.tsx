"use client";

import { useState } from "react";
import { FilePlus2 } from "lucide-react";
import { useTranslations } from "use-intl";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { IssueInvoiceDialog } from "../../_components/issue-invoice-dialog";

// The registration page's "Issue invoice": the same dialog as the table's row action.
export function IssueInvoiceButton({ registration }: { registration: { id: string; reference: string; participantName: string } }) {
  const t = useTranslations("invoiceIssue");
  const [open, setOpen] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <div className="flex flex-col items-end gap-2">
      <Button
        type="button"
        size="sm"
        onClick={() => {
          setNotice(null);
          setOpen(true);
        }}
      >
        <FilePlus2 className="size-4" aria-hidden />
        {t("issue")}
      </Button>
      {notice && <Alert tone="success">{notice}</Alert>}
      {open && <IssueInvoiceDialog registration={registration} open onOpenChange={setOpen} onIssued={setNotice} />}
    </div>
  );
}
