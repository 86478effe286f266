import type { Metadata } from "next";
import { db } from "@/db";
import { listMembers } from "@/db/queries/memberships";
import { Card, PageHeader } from "@/components/ui/card";
import { requirePermission } from "@/lib/auth/session";
import { getLocale, getT } from "@/lib/i18n";
import { listPendingInvitations } from "@/lib/team/invitations";
import { InviteForm } from "./_components/invite-form";
import { MemberRow } from "./_components/member-row";
import { PendingInvitations } from "./_components/pending-invitations";

export const metadata: Metadata = { title: "Team" };

export default async function TeamPage() {
  const member = await requirePermission("manageTeam");
  const t = await getT();
  const locale = await getLocale();
  const [members, pending] = await Promise.all([listMembers(db, member.org.id), listPendingInvitations(db, member.org.id)]);
  const dateFmt = new Intl.DateTimeFormat(locale === "ro" ? "ro-RO" : "en-GB", { dateStyle: "medium", timeZone: "Europe/Bucharest" });
  return (
    <>
      <PageHeader title={t("team.title")} description={t("team.description", { org: member.org.name })} />
      <div className="grid items-start gap-6 xl:grid-cols-[minmax(0,1fr)_20rem]">
        <Card className="overflow-x-auto">
          <table className="w-full text-sm">
            <caption className="px-4 pt-4 text-left text-base font-medium">{t("team.members")}</caption>
            <thead>
              <tr className="border-b border-slate-200 text-left text-xs uppercase tracking-wide text-slate-500">
                <th scope="col" className="px-4 py-3 font-medium">{t("team.name")}</th>
                <th scope="col" className="px-4 py-3 font-medium">{t("team.role")}</th>
                <th scope="col" className="px-4 py-3 font-medium">{t("team.since")}</th>
                <th scope="col" className="px-4 py-3 font-medium"><span className="sr-only">{t("team.actions")}</span></th>
              </tr>
            </thead>
            <tbody>
              {members.map((m) => (
                <MemberRow
                  key={m.userId}
                  userId={m.userId}
                  name={m.name}
                  email={m.email}
                  role={m.role}
                  since={dateFmt.format(m.since)}
                  isSelf={m.userId === member.user.id}
                  orgName={member.org.name}
                />
              ))}
            </tbody>
          </table>
        </Card>
        <div className="space-y-6">
          <InviteForm />
          <PendingInvitations items={pending.map((p) => ({ ...p, expires: dateFmt.format(p.expiresAt) }))} />
        </div>
      </div>
    </>
  );
}
