"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { useTranslations } from "use-intl";
import type { z } from "zod";
import { applyFieldErrors } from "@/components/apply-action-errors";
import { lazyZodResolver } from "@/components/lazy-zod-resolver";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useErrorText } from "@/components/use-error-text";
import type { changeTokenSchema as tokenSchema } from "@/lib/billing/schemas";
import { changeTokenAction, disconnectAction, reconnectAction, reverifyAction } from "../actions";

const resolver = lazyZodResolver(() => import("@/lib/billing/schemas").then((m) => m.changeTokenSchema));

// An error's text is a message key (translated here); a success's is already translated.
type Notice = { tone: "success" | "error"; text: string; detail?: string; requestId?: string } | null;

function NoticeBox({ notice }: { notice: Notice }) {
  const t = useTranslations("setup.credentials");
  const errorText = useErrorText();
  if (!notice) return null;
  return (
    <Alert tone={notice.tone} className="mt-4">
      {notice.tone === "error" ? errorText({ error: notice.text, requestId: notice.requestId }) : notice.text}
      {notice.detail && <span className="block text-xs opacity-80">{t("original", { text: notice.detail })}</span>}
    </Alert>
  );
}

function ChangeTokenDialog({ onDone }: { onDone: (n: Notice) => void }) {
  const t = useTranslations("settings.billing");
  const tc = useTranslations("common");
  const errorText = useErrorText();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [failure, setFailure] = useState<Notice>(null);
  const form = useForm<z.input<typeof tokenSchema>>({ resolver, defaultValues: { token: "" } });
  const submit = form.handleSubmit(async (values) => {
    setFailure(null);
    const res = await changeTokenAction(values);
    if (!res.ok) {
      applyFieldErrors(form.setError, res.fieldErrors, ["token"]);
      return setFailure({ tone: "error", text: res.error, detail: res.detail, requestId: res.requestId });
    }
    setOpen(false);
    form.reset();
    onDone({ tone: "success", text: t("tokenSaved") });
    router.refresh();
  });
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="secondary">{t("changeToken")}</Button>
      </DialogTrigger>
      <DialogContent title={t("changeTokenTitle")} description={t("changeTokenBody")}>
        <form onSubmit={submit} noValidate className="space-y-4">
          <NoticeBox notice={failure} />
          <Field label={t("newToken")} error={errorText(form.formState.errors.token?.message)}>
            {(p) => <Input {...p} type="password" autoComplete="new-password" spellCheck={false} {...form.register("token")} />}
          </Field>
          <div className="flex justify-end gap-2">
            <DialogClose asChild>
              <Button type="button" variant="secondary">
                {tc("cancel")}
              </Button>
            </DialogClose>
            <Button type="submit" pending={form.formState.isSubmitting}>
              {t("saveToken")}
            </Button>
          </div>
        </form>
      </DialogContent>
    </Dialog>
  );
}

export function ConnectionActions() {
  const t = useTranslations("settings.billing");
  const tc = useTranslations("common");
  const router = useRouter();
  const [notice, setNotice] = useState<Notice>(null);
  const [pending, start] = useTransition();
  const [confirm, setConfirm] = useState(false);

  const reverify = () =>
    start(async () => {
      setNotice(null);
      const res = await reverifyAction({});
      setNotice(res.ok ? { tone: "success", text: t("reverified") } : { tone: "error", text: res.error, detail: res.detail, requestId: res.requestId });
      router.refresh();
    });
  const disconnect = () =>
    start(async () => {
      const res = await disconnectAction({});
      setConfirm(false);
      if (!res.ok) return setNotice({ tone: "error", text: res.error, requestId: res.requestId });
      router.refresh();
    });

  return (
    <div aria-live="polite">
      <NoticeBox notice={notice} />
      <div className="mt-4 flex flex-wrap gap-3">
        <Button variant="secondary" onClick={reverify} pending={pending}>
          {t("reverify")}
        </Button>
        <ChangeTokenDialog onDone={setNotice} />
        <Dialog open={confirm} onOpenChange={setConfirm}>
          <DialogTrigger asChild>
            <Button variant="ghost" className="text-red-700">
              {t("disconnect")}
            </Button>
          </DialogTrigger>
          <DialogContent title={t("disconnectTitle")} description={t("disconnectBody")}>
            <div className="flex justify-end gap-2">
              <DialogClose asChild>
                <Button variant="secondary">{tc("cancel")}</Button>
              </DialogClose>
              <Button variant="danger" onClick={disconnect} pending={pending}>
                {t("disconnectConfirm")}
              </Button>
            </div>
          </DialogContent>
        </Dialog>
      </div>
    </div>
  );
}

export function ReconnectButton() {
  const t = useTranslations("settings.billing");
  const router = useRouter();
  const [pending, start] = useTransition();
  const [notice, setNotice] = useState<Notice>(null);
  return (
    <div>
      <Button
        pending={pending}
        onClick={() =>
          start(async () => {
            const res = await reconnectAction({});
            if (!res.ok) return setNotice({ tone: "error", text: res.error, detail: res.detail, requestId: res.requestId });
            router.refresh();
          })
        }
      >
        {t("reconnect")}
      </Button>
      <NoticeBox notice={notice} />
    </div>
  );
}
