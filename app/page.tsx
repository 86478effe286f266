import { redirect } from "next/navigation";
import { homePathFor } from "@/lib/auth/permissions";
import { getCurrentMember } from "@/lib/auth/session";

export default async function Home() {
  const member = await getCurrentMember();
  redirect(member ? homePathFor(member.role) : "/sign-in");
}
