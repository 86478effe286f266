"use client";

import { useTranslations } from "use-intl";
import { Alert } from "@/components/ui/alert";
import { useErrorText } from "@/components/use-error-text";

// A failed action's message, with SmartBill's original text when there is one.
export function ActionError({ error, detail }: { error: string | null; detail?: string | null }) {
  const errorText = useErrorText();
  const t = useTranslations("setup.credentials");
  if (!error) return null;
  return (
    <Alert tone="error">
      <p>{errorText(error)}</p>
      {detail && <p className="mt-1 text-xs opacity-80">{t("original", { text: detail })}</p>}
    </Alert>
  );
}
