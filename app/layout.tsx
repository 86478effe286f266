import type { Metadata } from "next";
import { Providers } from "@/components/providers";
import { getLocale, getMessages } from "@/lib/i18n";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Bursar", template: "%s · Bursar" },
  description: "Invoices for course providers, issued through SmartBill.",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const locale = await getLocale();
  return (
    <html lang={locale} className="h-full">
      <body className="min-h-full">
        <Providers locale={locale} messages={getMessages(locale)}>
          {children}
        </Providers>
      </body>
    </html>
  );
}
