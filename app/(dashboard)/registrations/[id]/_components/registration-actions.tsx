"use client";

import { useState } from "react";
import { Ban, Pencil, Wallet } from "lucide-react";
import { useTranslations } from "use-intl";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { lazyZodResolver } from "@/components/lazy-zod-resolver";
import type { RegistrationInput } from "@/lib/registrations/schemas";
import { cancelRegistrationAction } from "../../actions/cancel-registration";
import { RecordPaymentDialog } from "../../_components/record-payment-dialog";
import { RegistrationForm, type CourseOption } from "../../_components/registration-form";
import { ReasonDialog } from "./reason-dialog";

const cancelResolver = lazyZodResolver(() => import("@/lib/registrations/schemas").then((m) => m.cancelRegistrationSchema));

// The header's controls for admins and staff; accountants never get this component.
export function RegistrationActions(props: {
  registration: { id: string; reference: string; participantName: string; balanceBani: number; active: boolean };
  edit: { initial: RegistrationInput; client: { id: string; name: string }; courses: CourseOption[] };
}) {
  const t = useTranslations("registrations");
  const tc = useTranslations("common");
  const r = props.registration;
  const [paying, setPaying] = useState(false);
  const [editing, setEditing] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  if (!r.active) return null;
  return (
    <div className="flex flex-col items-end gap-2">
      <div className="flex flex-wrap gap-2">
        <Button
          type="button"
          onClick={() => {
            setNotice(null);
            setPaying(true);
          }}
        >
          <Wallet className="size-4" aria-hidden />
          {t("recordPayment")}
        </Button>
        <Dialog open={editing} onOpenChange={setEditing}>
          <DialogTrigger asChild>
            <Button type="button" variant="secondary">
              <Pencil className="size-4" aria-hidden />
              {t("detail.edit")}
            </Button>
          </DialogTrigger>
          <DialogContent title={t("form.editTitle")} className="max-h-[calc(100dvh-2rem)] max-w-2xl overflow-y-auto">
            <RegistrationForm
              courses={props.edit.courses}
              initial={props.edit.initial}
              initialClient={props.edit.client}
              onSaved={() => setEditing(false)}
              footer={
                <DialogClose asChild>
                  <Button type="button" variant="secondary">
                    {tc("cancel")}
                  </Button>
                </DialogClose>
              }
            />
          </DialogContent>
        </Dialog>
        <ReasonDialog
          trigger={
            <Button type="button" variant="secondary" className="text-red-700">
              <Ban className="size-4" aria-hidden />
              {t("detail.cancel")}
            </Button>
          }
          title={t("detail.cancelTitle", { participant: r.participantName })}
          body={t("detail.cancelBody")}
          reasonLabel={t("detail.cancelReason")}
          confirmLabel={t("detail.cancelConfirm")}
          keepLabel={t("detail.cancelKeep")}
          resolver={cancelResolver}
          base={{ registrationId: r.id }}
          run={(input) => cancelRegistrationAction({ registrationId: r.id, reason: input.reason })}
        />
      </div>
      {notice && <Alert tone="success">{notice}</Alert>}
      {paying && <RecordPaymentDialog registration={r} open onOpenChange={setPaying} onRecorded={setNotice} />}
    </div>
  );
}
