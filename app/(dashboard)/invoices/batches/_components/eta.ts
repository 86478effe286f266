"use client";

import { useTranslations } from "use-intl";

/** "about 3 minutes" from seconds (rounded up to the minute; under one minute reads "about a minute"). */
export function useEtaText() {
  const t = useTranslations("invoiceBulk.eta");
  return (seconds: number) => (seconds <= 60 ? t("underMinute") : t("minutes", { minutes: Math.ceil(seconds / 60) }));
}
