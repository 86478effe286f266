"use client";

import { useTranslations } from "use-intl";
import { Alert } from "@/components/ui/alert";
import { useErrorText } from "@/components/use-error-text";

export type ShownFailure = { error: string; detail?: string | null | undefined; requestId?: string | undefined };

// A failed action's message (a key, see lib/errors.ts), with SmartBill's original text when there is one
// and the request id of an internal error.
export function ActionError({ error, detail }: { error: string | ShownFailure | null; detail?: string | null }) {
  const errorText = useErrorText();
  const t = useTranslations("setup.credentials");
  if (!error) return null;
  const shown = typeof error === "string" ? { error, detail } : { ...error, detail: error.detail ?? detail };
  return (
    <Alert tone="error">
      <p>{errorText(shown)}</p>
      {shown.detail && <p className="mt-1 text-xs opacity-80">{t("original", { text: shown.detail })}</p>}
    </Alert>
  );
}
