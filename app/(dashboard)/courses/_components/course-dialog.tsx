"use client";

import { useState } from "react";
import { useTranslations } from "use-intl";
import { Dialog, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import type { CourseInput } from "@/lib/registrations/schemas";
import { CourseForm, type CourseChoices } from "./course-form";

export function CourseDialog({ trigger, title, initial, choices }: { trigger: React.ReactNode; title: string; initial: CourseInput; choices: CourseChoices }) {
  const t = useTranslations("courses");
  const [open, setOpen] = useState(false);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent title={title} description={t("formIntro")} className="max-h-[calc(100dvh-2rem)] max-w-xl overflow-y-auto">
        <CourseForm initial={initial} choices={choices} onSaved={() => setOpen(false)} />
      </DialogContent>
    </Dialog>
  );
}
