"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "use-intl";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { useErrorText } from "@/components/use-error-text";
import { archiveCourseAction } from "../actions/archive-course";

// Archiving asks first; restoring is harmless and happens at once.
export function ArchiveCourseButton({ courseId, name, archived }: { courseId: string; name: string; archived: boolean }) {
  const t = useTranslations("courses");
  const tc = useTranslations("common");
  const errorText = useErrorText();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const run = (next: boolean) =>
    startTransition(async () => {
      setFailure(null);
      const res = await archiveCourseAction({ courseId, archived: next });
      if (!res.ok) return setFailure(res.error);
      setOpen(false);
      router.refresh();
    });

  if (archived) {
    return (
      <>
        <Button type="button" size="sm" variant="ghost" pending={pending} onClick={() => run(false)} aria-label={t("unarchiveFor", { name })}>
          {t("unarchive")}
        </Button>
        {failure && <span className="sr-only" role="alert">{errorText(failure)}</span>}
      </>
    );
  }
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button type="button" size="sm" variant="ghost" aria-label={t("archiveFor", { name })}>
          {t("archive")}
        </Button>
      </DialogTrigger>
      <DialogContent title={t("archiveTitle", { name })} description={t("archiveBody")}>
        {failure && <Alert tone="error">{errorText(failure)}</Alert>}
        <div className="mt-4 flex justify-end gap-2">
          <DialogClose asChild>
            <Button type="button" variant="secondary">
              {tc("cancel")}
            </Button>
          </DialogClose>
          <Button type="button" variant="danger" pending={pending} onClick={() => run(true)}>
            {t("archiveConfirm")}
          </Button>
        </div>
      </DialogContent>
    </Dialog>
  );
}
