"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useTranslations } from "use-intl";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useErrorText } from "@/components/use-error-text";
import { acceptInviteAsUserAction } from "./actions";

// Signed in: the invited address accepts with one click; another account is told to switch.
export function JoinAsSignedIn(props: { token: string; orgName: string; invitedEmail: string; currentEmail: string }) {
  const t = useTranslations("auth.invite");
  const errorText = useErrorText();
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const here = `/invite/${props.token}`;

  if (props.currentEmail !== props.invitedEmail) {
    return (
      <div className="mt-6 space-y-4">
        <Alert tone="warning">{t("otherAccount", { email: props.invitedEmail, current: props.currentEmail })}</Alert>
        <Button variant="secondary" className="w-full" onClick={() => void import("next-auth/react").then(({ signOut }) => signOut({ callbackUrl: here }))}>
          {t("signOut")}
        </Button>
      </div>
    );
  }

  async function accept() {
    setPending(true);
    setError(null);
    const res = await acceptInviteAsUserAction({ token: props.token });
    if (!res.ok) {
      setPending(false);
      setError(errorText(res.error) ?? res.error);
      return;
    }
    router.replace("/");
    router.refresh();
  }

  return (
    <div className="mt-6 space-y-4">
      {error && <Alert tone="error">{error}</Alert>}
      <p className="text-sm text-slate-700">{t("signedInAs", { email: props.currentEmail })}</p>
      <Button className="w-full" pending={pending} onClick={() => void accept()}>
        {t("accept", { org: props.orgName })}
      </Button>
    </div>
  );
}
