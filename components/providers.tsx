"use client";

import { IntlProvider, type AbstractIntlMessages } from "use-intl";

// Only what every page needs. Query caching (components/query-provider.tsx) and URL state (nuqs's
// NuqsAdapter) are added by the layouts of the pages that use them, so other pages do not load them.
export function Providers({
  locale,
  messages,
  children,
}: {
  locale: string;
  messages: AbstractIntlMessages;
  children: React.ReactNode;
}) {
  return (
    <IntlProvider locale={locale} messages={messages} timeZone="Europe/Bucharest">
      {children}
    </IntlProvider>
  );
}
