"use client";

import { useState, useTransition } from "react";
import { useTranslations } from "use-intl";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { Select } from "@/components/ui/input";
import { useErrorText } from "@/components/use-error-text";
import { ROLES } from "@/lib/auth/roles";
import { changeMemberRoleAction, removeMemberAction } from "../actions";

type Role = (typeof ROLES)[number];

export function MemberRow(props: { userId: string; name: string; email: string; role: Role; since: string; isSelf: boolean; orgName: string }) {
  const t = useTranslations("team");
  const tr = useTranslations("roles");
  const tc = useTranslations("common");
  const errorText = useErrorText();
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const [open, setOpen] = useState(false);

  const changeRole = (role: Role) =>
    start(async () => {
      setError(null);
      setNotice(null);
      const res = await changeMemberRoleAction({ userId: props.userId, role });
      if (!res.ok) setError(errorText(res) ?? null);
      else setNotice(t("roleChanged", { name: props.name, role: tr(role) }));
    });

  const remove = () =>
    start(async () => {
      setError(null);
      const res = await removeMemberAction({ userId: props.userId });
      setOpen(false);
      if (!res.ok) setError(errorText(res) ?? null);
    });

  return (
    <tr className="border-b border-slate-100 last:border-0" data-testid={`member-${props.email}`}>
      <td className="px-4 py-3">
        <div className="font-medium">
          {props.name} {props.isSelf && <Badge tone="info">{t("you")}</Badge>}
        </div>
        <div className="text-slate-500">{props.email}</div>
        {error && (
          <Alert tone="error" className="mt-2">
            {error}
          </Alert>
        )}
        {notice && (
          <p role="status" className="mt-1 text-sm text-emerald-700">
            {notice}
          </p>
        )}
      </td>
      <td className="px-4 py-3">
        <Select
          aria-label={t("changeRole", { name: props.name })}
          value={props.role}
          disabled={pending}
          onChange={(e) => changeRole(e.target.value as Role)}
          className="h-9 w-36"
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {tr(r)}
            </option>
          ))}
        </Select>
      </td>
      <td className="whitespace-nowrap px-4 py-3 text-slate-600">{props.since}</td>
      <td className="px-4 py-3 text-right">
        <Dialog open={open} onOpenChange={setOpen}>
          <DialogTrigger asChild>
            <Button variant="ghost" size="sm" className="text-red-700">
              {t("remove")}
              <span className="sr-only"> {props.name}</span>
            </Button>
          </DialogTrigger>
          <DialogContent title={t("removeTitle", { name: props.name, org: props.orgName })} description={t("removeBody")}>
            <div className="flex justify-end gap-2">
              <DialogClose asChild>
                <Button variant="secondary">{tc("cancel")}</Button>
              </DialogClose>
              <Button variant="danger" pending={pending} onClick={remove}>
                {t("removeConfirm")}
              </Button>
            </div>
          </DialogContent>
        </Dialog>
      </td>
    </tr>
  );
}
