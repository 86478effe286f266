"use client";

import { useTranslations } from "use-intl";

// Schema messages are keys under `validation.`; server errors may be message keys (e.g. `team.lastAdmin`);
// anything else is a sentence and is shown as it is.
export function useErrorText() {
  const t = useTranslations();
  return (message: string | undefined): string | undefined => {
    if (!message) return undefined;
    const key = `validation.${message}`;
    if (t.has(key as never)) return t(key as never);
    if (/^[a-z][A-Za-z0-9]*(\.[A-Za-z0-9_]+)+$/.test(message) && t.has(message as never)) return t(message as never);
    return message;
  };
}
