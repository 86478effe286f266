"use client";

import { useTransition } from "react";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "use-intl";
import { setLocaleAction } from "@/app/actions/locale";

const NAMES = { en: "English", ro: "Română" } as const;

export function LanguageSwitch({ className }: { className?: string }) {
  const t = useTranslations("common");
  const locale = useLocale();
  const router = useRouter();
  const [pending, start] = useTransition();
  return (
    <label className={className}>
      <span className="sr-only">{t("language")}</span>
      <select
        value={locale}
        disabled={pending}
        onChange={(e) =>
          start(async () => {
            await setLocaleAction({ locale: e.target.value as keyof typeof NAMES });
            router.refresh();
          })
        }
        className="h-8 rounded-md border border-slate-300 bg-white px-2 text-sm"
      >
        {Object.entries(NAMES).map(([code, name]) => (
          <option key={code} value={code}>
            {name}
          </option>
        ))}
      </select>
    </label>
  );
}
