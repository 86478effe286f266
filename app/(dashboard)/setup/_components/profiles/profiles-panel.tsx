"use client";

import { useRouter } from "next/navigation";
import { useId, useRef, useState, useTransition } from "react";
import { Building2, Plus } from "lucide-react";
import { useTranslations } from "use-intl";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { completeProfilesStepAction } from "../../actions/profiles";
import { ActionError, type ShownFailure } from "../action-error";
import { BackLink } from "../step-footer";
import { ProfileCard } from "./profile-card";
import { ProfileDialog } from "./profile-dialog";
import type { SavedProfile } from "./profile-form";
import type { ProfileFormValues, ProfileView } from "./types";

export function ProfilesPanel(props: {
  profiles: ProfileView[];
  draft: ProfileFormValues;
  smartbillVatPayer: boolean | null;
  backHref: string | null;
}) {
  const t = useTranslations("profiles");
  const ts = useTranslations("setup");
  const router = useRouter();
  const hintId = useId();
  const [notice, setNotice] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | ShownFailure | null>(null);
  const [continuing, startContinue] = useTransition();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const empty = props.profiles.length === 0;

  const say = (text: string) => {
    setFailure(null);
    setNotice(text);
  };
  const fail = (error: string) => {
    setNotice(null);
    setFailure(error);
  };
  // The archived card (and the focused button in it) is gone: continue from the step's heading.
  const onArchived = (text: string) => {
    say(text);
    setTimeout(() => headingRef.current?.focus(), 0);
  };
  const onSaved = (saved: SavedProfile) => say(t(saved.created ? "created" : "updated", { name: saved.companyName }));

  const onContinue = () =>
    startContinue(async () => {
      setNotice(null);
      setFailure(null);
      const res = await completeProfilesStepAction({});
      if (!res.ok) return setFailure(res);
      router.push(`/setup/${res.data.next ?? "review"}`);
    });

  const addDialog = (label: string) => (
    <ProfileDialog
      title={t("addTitle")}
      initial={props.draft}
      prefilled={empty}
      smartbillVatPayer={props.smartbillVatPayer}
      onSaved={onSaved}
      trigger={
        <Button variant={empty ? "primary" : "secondary"}>
          <Plus className="size-4" aria-hidden />
          {label}
        </Button>
      }
    />
  );

  return (
    <Card className="p-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="max-w-2xl">
          <h2 id="step-title" ref={headingRef} tabIndex={-1} className="text-lg font-semibold focus:outline-none">
            {t("title")}
          </h2>
          <p className="mt-1 text-sm text-slate-600">{t("intro")}</p>
        </div>
        {!empty && addDialog(t("add"))}
      </div>

      <div className="mt-4 space-y-2 empty:hidden" aria-live="polite">
        {notice && <Alert tone="success">{notice}</Alert>}
        <ActionError error={failure} />
      </div>

      {empty ? (
        <div className="mt-4 flex flex-col items-center gap-3 rounded-lg border border-dashed border-slate-300 px-6 py-10 text-center">
          <Building2 className="size-10 text-slate-400" aria-hidden />
          <h3 className="font-medium">{t("emptyTitle")}</h3>
          <p className="max-w-md text-sm text-slate-600">{t("emptyBody")}</p>
          {addDialog(t("addFirst"))}
        </div>
      ) : (
        <ul aria-label={t("listLabel")} className="mt-4 grid gap-4 md:grid-cols-2">
          {props.profiles.map((p) => (
            <ProfileCard
              key={p.id}
              profile={p}
              smartbillVatPayer={props.smartbillVatPayer}
              onSaved={onSaved}
              onNotice={say}
              onArchived={onArchived}
              onError={fail}
            />
          ))}
        </ul>
      )}

      <div className="mt-6 flex items-center justify-between gap-3 border-t border-slate-200 pt-5">
        <BackLink href={props.backHref} label={ts("back")} />
        <div className="flex items-center gap-3">
          {empty && (
            <p id={hintId} className="text-sm text-slate-500">
              {t("continueHint")}
            </p>
          )}
          <Button onClick={onContinue} pending={continuing} disabled={empty} aria-describedby={empty ? hintId : undefined}>
            {ts("continue")}
          </Button>
        </div>
      </div>
    </Card>
  );
}
