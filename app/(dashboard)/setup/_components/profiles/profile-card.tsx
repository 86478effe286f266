"use client";

import { useId, useRef, useState, useTransition } from "react";
import { Archive, Pencil, Star } from "lucide-react";
import { useTranslations } from "use-intl";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Dialog, DialogClose, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { archiveProfileAction, makeDefaultProfileAction } from "../../actions/profiles";
import { ProfileDialog } from "./profile-dialog";
import type { SavedProfile } from "./profile-form";
import type { ProfileView } from "./types";

const groupsOfFour = (iban: string) => iban.replace(/(.{4})(?=.)/g, "$1 ");

export function ProfileCard(props: {
  profile: ProfileView;
  smartbillVatPayer: boolean | null;
  onSaved: (saved: SavedProfile) => void;
  onNotice: (text: string) => void;
  onArchived: (text: string) => void;
  onError: (error: string) => void;
}) {
  const t = useTranslations("profiles");
  const tc = useTranslations("common");
  const titleId = useId();
  const [pending, start] = useTransition();
  const [confirmOpen, setConfirmOpen] = useState(false);
  // "Make default" disappears once it worked: keep keyboard focus in this card.
  const itemRef = useRef<HTMLLIElement>(null);
  const { id, isDefault, seriesName, values: v } = props.profile;
  const name = v.companyName;

  const makeDefault = () =>
    start(async () => {
      const res = await makeDefaultProfileAction({ profileId: id });
      if (!res.ok) return props.onError(res.error);
      props.onNotice(t("defaultChanged", { name }));
      itemRef.current?.querySelector<HTMLButtonElement>("[data-edit]")?.focus();
    });

  const archive = () =>
    start(async () => {
      const res = await archiveProfileAction({ profileId: id });
      setConfirmOpen(false);
      if (res.ok) props.onArchived(t("archived", { name }));
      else props.onError(res.error);
    });

  const row = (label: string, value: React.ReactNode) => (
    <>
      <dt className="text-slate-500">{label}</dt>
      <dd className="min-w-0 break-words text-slate-900">{value}</dd>
    </>
  );
  const muted = (text: string) => <span className="text-slate-500 italic">{text}</span>;

  return (
    <li ref={itemRef} aria-labelledby={titleId} aria-busy={pending || undefined} data-testid="profile-card">
      <Card className={isDefault ? "flex h-full flex-col p-5 ring-1 ring-violet-300" : "flex h-full flex-col p-5"}>
        <div className="flex items-start justify-between gap-3">
          <h3 id={titleId} className="min-w-0 break-words font-semibold">
            {name}
          </h3>
          {isDefault && (
            <Badge tone="accent" className="shrink-0">
              <Star className="size-3" aria-hidden />
              {t("default")}
            </Badge>
          )}
        </div>
        <dl className="mt-3 grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-1 text-sm">
          {row(t("card.cif"), <span className="font-mono">{v.cif}</span>)}
          {row(t("card.city"), v.city ? [v.city, v.county].filter(Boolean).join(", ") : muted("—"))}
          {row(t("card.iban"), v.iban ? <span className="font-mono">{groupsOfFour(v.iban)}</span> : muted(t("noIban")))}
          {row(t("card.currency"), `${v.currency} · ${v.vatPayer ? t("vatPayer") : t("notVatPayer")}`)}
          {row(t("card.series"), seriesName ? <span className="font-mono">{seriesName}</span> : muted(t("noSeries")))}
        </dl>
        <div className="mt-auto flex flex-wrap gap-2 pt-4">
          <ProfileDialog
            title={t("editTitle", { name })}
            profileId={id}
            initial={v}
            smartbillVatPayer={props.smartbillVatPayer}
            onSaved={props.onSaved}
            trigger={
              <Button data-edit variant="secondary" size="sm">
                <Pencil className="size-3.5" aria-hidden />
                {t("edit")}
                <span className="sr-only"> {name}</span>
              </Button>
            }
          />
          {!isDefault && (
            <Button variant="secondary" size="sm" pending={pending && !confirmOpen} disabled={pending} onClick={makeDefault}>
              {!pending && <Star className="size-3.5" aria-hidden />}
              {t("makeDefault")}
              <span className="sr-only"> {name}</span>
            </Button>
          )}
          {!isDefault && (
            <Dialog open={confirmOpen} onOpenChange={setConfirmOpen}>
              <DialogTrigger asChild>
                <Button variant="ghost" size="sm" className="text-red-700" disabled={pending}>
                  <Archive className="size-3.5" aria-hidden />
                  {t("archive")}
                  <span className="sr-only"> {name}</span>
                </Button>
              </DialogTrigger>
              <DialogContent title={t("archiveTitle", { name })} description={t("archiveBody")}>
                <div className="flex justify-end gap-2">
                  <DialogClose asChild>
                    <Button variant="secondary" disabled={pending}>
                      {tc("cancel")}
                    </Button>
                  </DialogClose>
                  <Button variant="danger" pending={pending} onClick={archive}>
                    {t("archiveConfirm")}
                  </Button>
                </div>
              </DialogContent>
            </Dialog>
          )}
        </div>
      </Card>
    </li>
  );
}
