import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getCurrentMember } from "@/lib/auth/session";
import { homePathFor } from "@/lib/auth/permissions";
import { SignUpForm } from "./sign-up-form";

export const metadata: Metadata = { title: "Create your school's account" };

export default async function SignUpPage() {
  const member = await getCurrentMember();
  if (member) redirect(homePathFor(member.role));
  return <SignUpForm />;
}
