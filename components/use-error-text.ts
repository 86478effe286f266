"use client";

import { useTranslations } from "use-intl";

type Failure = { error: string; requestId?: string | undefined };

// Every error an action returns is a message key (lib/errors.ts); a form's own zod messages are bare
// keys under `validation.`. Anything that is not a known key shows the generic translated message, never
// the raw text, so a Romanian reader never sees English. Given a whole failure, an internal error's
// request id is added for the user to quote.
export function useErrorText() {
  const t = useTranslations();
  return (message: string | Failure | undefined | null): string | undefined => {
    if (!message) return undefined;
    const key = typeof message === "string" ? message : message.error;
    const reference = typeof message === "string" || !message.requestId ? "" : ` ${t("errors.reference", { id: message.requestId })}`;
    const bare = `validation.${key}`;
    if (t.has(bare as never)) return t(bare as never) + reference;
    if (t.has(key as never)) return t(key as never) + reference;
    return t("errors.unknown") + reference;
  };
}
