"use client";

import { useState } from "react";
import { useTranslations } from "use-intl";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent } from "@/components/ui/dialog";
import { useErrorText } from "@/components/use-error-text";
import { cancelBulkIssueAction } from "../../../registrations/actions/bulk-issue";

/** "Cancel what is still queued", behind a confirm: what is already issued or being sent stays. */
export function CancelBatchButton({ batchId, queued, onCancelled }: { batchId: string; queued: number; onCancelled: (notice: { tone: "success" | "error"; text: string }) => void }) {
  const t = useTranslations("invoiceBulk.progress");
  const errorText = useErrorText();
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState(false);

  async function cancel() {
    setPending(true);
    const res = await cancelBulkIssueAction({ batchId });
    setPending(false);
    setOpen(false);
    onCancelled(res.ok ? { tone: "success", text: t("cancelledNotice", { count: res.data.cancelled }) } : { tone: "error", text: errorText(res) ?? "" });
  }

  return (
    <>
      <Button type="button" variant="danger" size="sm" onClick={() => setOpen(true)}>
        {t("cancel")}
      </Button>
      <Dialog open={open} onOpenChange={(o) => !pending && setOpen(o)}>
        <DialogContent title={t("cancelTitle")} description={t("cancelBody", { count: queued })}>
          <div className="flex justify-end gap-2">
            <DialogClose asChild>
              <Button type="button" variant="secondary" disabled={pending}>
                {t("keep")}
              </Button>
            </DialogClose>
            <Button type="button" variant="danger" pending={pending} onClick={cancel}>
              {t("cancelConfirm")}
            </Button>
          </div>
        </DialogContent>
      </Dialog>
    </>
  );
}
