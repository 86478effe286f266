"use client";

import { useTransition } from "react";
import { useTranslations } from "use-intl";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { revokeInvitationAction } from "../actions";

export function PendingInvitations({ items }: { items: { id: string; email: string; role: "admin" | "staff" | "accountant"; expires: string }[] }) {
  const t = useTranslations("team.invite");
  const tr = useTranslations("roles");
  const [pending, start] = useTransition();
  return (
    <Card className="p-5">
      <h2 className="text-base font-medium">{t("pending")}</h2>
      {items.length === 0 ? (
        <p className="mt-2 text-sm text-slate-500">{t("pendingEmpty")}</p>
      ) : (
        <ul className="mt-3 divide-y divide-slate-100">
          {items.map((i) => (
            <li key={i.id} className="flex items-center justify-between gap-3 py-2 text-sm">
              <div className="min-w-0">
                <p className="truncate font-medium">{i.email}</p>
                <p className="text-xs text-slate-500">
                  {tr(i.role)} · {t("expires", { date: i.expires })}
                </p>
              </div>
              <Button variant="ghost" size="sm" disabled={pending} onClick={() => start(async () => void (await revokeInvitationAction({ invitationId: i.id })))}>
                {t("revoke")}
                <span className="sr-only"> {i.email}</span>
              </Button>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
