"use client";

import { useState } from "react";
import { useTranslations } from "use-intl";
import { Dialog, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { ProfileForm, type SavedProfile } from "./profile-form";
import type { ProfileFormValues } from "./types";

// Add and Edit open the same form; the trigger gets focus back when the dialog closes.
export function ProfileDialog(props: {
  trigger: React.ReactNode;
  title: string;
  profileId?: string;
  initial: ProfileFormValues;
  prefilled?: boolean;
  smartbillVatPayer: boolean | null;
  onSaved: (saved: SavedProfile) => void;
}) {
  const t = useTranslations("profiles");
  const [open, setOpen] = useState(false);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>{props.trigger}</DialogTrigger>
      <DialogContent title={props.title} description={t("formIntro")} className="max-h-[calc(100dvh-2rem)] max-w-2xl overflow-y-auto">
        <ProfileForm
          profileId={props.profileId}
          initial={props.initial}
          prefilled={!!props.prefilled}
          smartbillVatPayer={props.smartbillVatPayer}
          onSaved={(saved) => {
            setOpen(false);
            props.onSaved(saved);
          }}
        />
      </DialogContent>
    </Dialog>
  );
}
