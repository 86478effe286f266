import type { Metadata } from "next";
import Link from "next/link";
import { db } from "@/db";
import { Card } from "@/components/ui/card";
import { getCurrentUser } from "@/lib/auth/session";
import { getT } from "@/lib/i18n";
import { findOpenInvitation } from "@/lib/team/invitations";
import { AcceptInviteForm } from "./accept-invite-form";
import { JoinAsSignedIn } from "./join-as-signed-in";

export const metadata: Metadata = { title: "Invitation", referrer: "no-referrer" };

// What the visitor sees depends on who they are signed in as, never on whether the invited address
// has an account (docs/security.md, "Enumeration").
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
  const me = await getCurrentUser();
  const signInHref = `/sign-in?${new URLSearchParams({ callbackUrl: `/invite/${token}`, email: inv.email })}`;
  return (
    <Card className="p-6 sm:p-8">
      <h1 className="text-2xl font-semibold tracking-tight">{t("auth.invite.title", { org: inv.orgName })}</h1>
      <p className="mt-1 text-sm text-slate-600">
        {t("auth.invite.subtitle", { inviter: inv.inviterName ?? "An admin", email: inv.email, role: t(`roles.${inv.role}`) })}
      </p>
      {me ? (
        <JoinAsSignedIn token={token} orgName={inv.orgName} invitedEmail={inv.email} currentEmail={me.user.email} />
      ) : (
        <>
          <AcceptInviteForm token={token} email={inv.email} orgName={inv.orgName} signInHref={signInHref} />
          <p className="mt-6 border-t border-slate-200 pt-4 text-center text-sm text-slate-600">
            {t("auth.invite.haveAccount", { email: inv.email })}{" "}
            <Link href={signInHref} className="font-medium text-indigo-700 hover:underline">
              {t("auth.invite.signInToAcceptLink", { email: inv.email })}
            </Link>
          </p>
        </>
      )}
    </Card>
  );
}
