"use client";

import { useId, useState } from "react";
import { useTranslations } from "use-intl";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogFooter } from "@/components/ui/dialog";
import { useErrorText } from "@/components/use-error-text";
import type { ColumnMapping } from "@/lib/registrations/import/fields";
import { commitImportAction } from "../../actions/import-registrations";
import type { ChosenFile, ImportCounts } from "./types";

// The import job refuses a file while any row has an error, so Commit stays disabled until the dry run
// finds none; a confirmation says what will be added. The request only queues the import.
export function CommitImport({ file, mapping, counts, onQueued }: { file: ChosenFile; mapping: ColumnMapping; counts: ImportCounts; onQueued: (runId: string) => void }) {
  const t = useTranslations("registrationImport.commit");
  const tc = useTranslations("common");
  const errorText = useErrorText();
  const blockedId = useId();
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const blocked = counts.error > 0;

  async function commit() {
    setPending(true);
    setFailure(null);
    try {
      const res = await commitImportAction({ csv: file.csv, mapping, fileName: file.name });
      if (!res.ok) return setFailure(errorText(res) ?? null);
      setOpen(false);
      onQueued(res.data.runId);
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="space-y-2 border-t border-slate-200 pt-4">
      <Button type="button" disabled={blocked} aria-describedby={blocked ? blockedId : undefined} onClick={() => setOpen(true)}>
        {t("submit")}
      </Button>
      {blocked && (
        <p id={blockedId} className="text-sm text-slate-600">
          {t("blocked")}
        </p>
      )}
      <Dialog open={open} onOpenChange={(o) => !pending && setOpen(o)}>
        <DialogContent
          title={t("confirmTitle")}
          description={t("confirm", { clients: counts.newClients, registrations: counts.create, payments: counts.payments })}
        >
          <div className="space-y-4" aria-busy={pending}>
            {failure && <Alert tone="error">{failure}</Alert>}
            <DialogFooter cancelLabel={tc("cancel")} busy={pending}>
              <Button type="button" onClick={commit} pending={pending}>
                {pending ? t("running") : t("confirmButton")}
              </Button>
            </DialogFooter>
          </div>
        </DialogContent>
      </Dialog>
    </div>
  );
}
