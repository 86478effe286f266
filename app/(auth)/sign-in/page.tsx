import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Suspense } from "react";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { getCurrentMember, getCurrentUser } from "@/lib/auth/session";
import { homePathFor } from "@/lib/auth/permissions";
import { isDemoEnabled } from "@/lib/demo-mode";
import { appOrigin } from "@/lib/request-origin";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string | string[] }> }) {
  const raw = (await searchParams).callbackUrl;
  const next = safeCallbackPath(typeof raw === "string" ? raw : null, appOrigin());
  if (await getCurrentUser()) {
    if (next) redirect(next);
    const member = await getCurrentMember();
    if (member) redirect(homePathFor(member.role));
  }
  return (
    <Suspense>
      <SignInForm showDemoHint={isDemoEnabled()} />
    </Suspense>
  );
}
