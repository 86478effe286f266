import Link from "next/link";
import { ShieldAlert } from "lucide-react";
import { getCurrentMember } from "@/lib/auth/session";
import { homePathFor } from "@/lib/auth/permissions";
import { getT } from "@/lib/i18n";

export default async function Forbidden() {
  const t = await getT();
  const member = await getCurrentMember();
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="max-w-md text-center">
        <ShieldAlert className="mx-auto size-12 text-amber-600" aria-hidden />
        <p className="mt-4 text-sm font-semibold text-amber-700">403</p>
        <h1 className="mt-1 text-2xl font-semibold">{t("forbidden.title")}</h1>
        <p className="mt-2 text-slate-600">{t("forbidden.body")}</p>
        <Link href={member ? homePathFor(member.role) : "/sign-in"} className="mt-6 inline-block font-medium text-indigo-700 hover:underline">
          {t("forbidden.back")}
        </Link>
      </div>
    </main>
  );
}
