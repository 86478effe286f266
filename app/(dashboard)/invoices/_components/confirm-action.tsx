"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "use-intl";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { useErrorText } from "@/components/use-error-text";
import type { ActionResult } from "@/lib/errors";

/**
 * A button that opens a dialog stating the consequence, and runs the action on confirm. The page is
 * refreshed after a success; `done` may say what happened (shown by the caller).
 */
export function ConfirmAction<T>(props: {
  trigger: React.ReactNode;
  title: string;
  body: React.ReactNode;
  confirmLabel: string;
  variant?: "primary" | "danger";
  run: () => Promise<ActionResult<T>>;
  done?: (data: T) => void;
}) {
  const tc = useTranslations("common");
  const errorText = useErrorText();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<{ error: string; requestId?: string; detail?: string } | null>(null);

  async function confirm() {
    setPending(true);
    setFailure(null);
    try {
      const res = await props.run();
      if (!res.ok) {
        setFailure(res);
        return;
      }
      setOpen(false);
      props.done?.(res.data);
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
        if (o) setFailure(null);
      }}
    >
      <DialogTrigger asChild>{props.trigger}</DialogTrigger>
      <DialogContent title={props.title}>
        <div className="space-y-4">
          <div className="space-y-2 text-sm text-slate-700">{props.body}</div>
          {failure && (
            <Alert tone="error">
              <p>{errorText(failure)}</p>
              {failure.detail && <p className="mt-1 font-mono text-xs">{failure.detail}</p>}
            </Alert>
          )}
          <div className="flex justify-end gap-2">
            <DialogClose asChild>
              <Button type="button" variant="secondary" disabled={pending}>
                {tc("cancel")}
              </Button>
            </DialogClose>
            <Button type="button" variant={props.variant ?? "primary"} pending={pending} onClick={confirm}>
              {props.confirmLabel}
            </Button>
          </div>
        </div>
      </DialogContent>
    </Dialog>
  );
}
