import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Suspense } from "react";
import { getCurrentMember } from "@/lib/auth/session";
import { homePathFor } from "@/lib/auth/permissions";
import { isDemoEnabled } from "@/lib/demo-mode";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage() {
  const member = await getCurrentMember();
  if (member) redirect(homePathFor(member.role));
  return (
    <Suspense>
      <SignInForm showDemoHint={isDemoEnabled()} />
    </Suspense>
  );
}
