import type { Metadata } from "next";
import Link from "next/link";
import { db } from "@/db";
import { Card } from "@/components/ui/card";
import { getT } from "@/lib/i18n";
import { findOpenInvitation } from "@/lib/team/invitations";
import { AcceptInviteForm } from "./accept-invite-form";

export const metadata: Metadata = { title: "Invitation", referrer: "no-referrer" };

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const t = await getT();
  const inv = token.length >= 20 && token.length <= 200 ? await findOpenInvitation(db, token) : null;
  if (!inv) {
    return (
      <Card className="p-6 sm:p-8">
        <h1 className="text-xl font-semibold">{t("auth.invite.invalid")}</h1>
        <p className="mt-2 text-sm text-slate-600">{t("auth.invite.invalidBody")}</p>
        <Link href="/sign-in" className="mt-6 inline-block text-sm font-medium text-indigo-700 hover:underline">
          {t("auth.signUp.signIn")}
        </Link>
      </Card>
    );
  }
  return (
    <AcceptInviteForm
      token={token}
      email={inv.email}
      orgName={inv.orgName}
      inviterName={inv.inviterName ?? "An admin"}
      role={inv.role}
      hasAccount={inv.hasAccount}
    />
  );
}
