import Link from "next/link";
import { getT } from "@/lib/i18n";

export default async function NotFound() {
  const t = await getT();
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="max-w-md text-center">
        <p className="text-sm font-semibold text-indigo-700">404</p>
        <h1 className="mt-1 text-2xl font-semibold">{t("notFound.title")}</h1>
        <p className="mt-2 text-slate-600">{t("notFound.body")}</p>
        <Link href="/" className="mt-6 inline-block font-medium text-indigo-700 hover:underline">
          {t("notFound.back")}
        </Link>
      </div>
    </main>
  );
}
