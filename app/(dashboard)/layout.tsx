import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { LanguageSwitch } from "@/components/language-switch";
import { NavLinks, type NavItem } from "@/components/shell/nav-links";
import { UserMenu } from "@/components/shell/user-menu";
import { can } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { getT } from "@/lib/i18n";
import { homePathFor } from "@/lib/auth/permissions";
import { db } from "@/db";
import { getActiveConnection } from "@/db/queries/smartbill-connections";
import { countInbox } from "@/db/queries/invoice-inbox";
import { getInvoicingPause } from "@/db/queries/invoices";
import { InvoicingPauseBanner } from "./_components/invoicing-pause-banner";

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const member = await requireUser();
  const t = await getT();
  // The badge tells everyone in the school that invoices go to the sandbox, not to SmartBill.
  const onSandbox = (await getActiveConnection(db, member.org.id))?.isSandbox ?? false;
  // Those who issue see what waits for them: the sidebar count and the package-exhausted banner.
  const issues = can(member.role, "issueInvoices");
  const [inbox, pause] = issues ? await Promise.all([countInbox(db, member.org.id), getInvoicingPause(db, member.org.id)]) : [null, null];
  const attention = inbox ? inbox.failed + inbox.inDoubt + inbox.alarms : 0;
  const items: NavItem[] = [];
  // Accountants see registrations, clients and courses read-only (PRODUCT.md §1).
  items.push({ href: "/registrations", label: t("nav.registrations"), icon: "registrations" });
  items.push({ href: "/clients", label: t("nav.clients"), icon: "clients" });
  items.push({ href: "/courses", label: t("nav.courses"), icon: "courses" });
  items.push({
    href: "/invoices",
    label: t("nav.invoices"),
    icon: "invoices",
    ...(attention ? { badge: attention, badgeLabel: t("invoiceInbox.nav.attention", { count: attention }) } : {}),
  });
  if (can(member.role, "manageBilling")) {
    items.push({ href: "/setup", label: t("nav.setup"), icon: "setup" });
    items.push({ href: "/settings/billing", label: t("nav.billing"), icon: "billing" });
  }
  if (can(member.role, "manageTeam")) items.push({ href: "/settings/team", label: t("nav.team"), icon: "team" });

  return (
    <div className="flex min-h-screen">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:p-2">
        {t("common.skipToContent")}
      </a>
      <aside className="hidden w-60 shrink-0 border-r border-slate-200 bg-white md:block">
        <div className="px-5 py-5">
          <Link href={homePathFor(member.role)} className="text-lg font-semibold text-indigo-700">
            {t("common.appName")}
          </Link>
          <p className="mt-1 truncate text-sm text-slate-600" title={member.org.name} data-testid="org-name">
            {member.org.name}
          </p>
        </div>
        <div className="px-3">
          <NavLinks items={items} label={t("nav.main")} />
        </div>
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-200 bg-white px-4 py-2 md:px-8">
          <div className="flex min-w-0 items-center gap-3 md:hidden">
            <span className="font-semibold text-indigo-700">{t("common.appName")}</span>
            <span className="truncate text-sm text-slate-600">{member.org.name}</span>
          </div>
          <div className="hidden md:block" />
          <div className="flex min-w-0 items-center gap-2 sm:gap-3">
            {onSandbox && (
              <Badge tone="warning" title={t("common.sandboxHint")} data-testid="sandbox-badge">
                {t("common.sandbox")}
              </Badge>
            )}
            <LanguageSwitch />
            <UserMenu name={member.user.name} email={member.user.email} roleLabel={t(`roles.${member.role}`)} />
          </div>
        </header>
        <div className="border-b border-slate-200 bg-white px-3 py-2 md:hidden">
          <NavLinks items={items} label={t("nav.main")} />
        </div>
        {pause && <InvoicingPauseBanner pause={pause} waiting={inbox?.queued ?? 0} canResume={can(member.role, "manageBilling")} />}
        <main id="main" className="flex-1 px-4 py-6 md:px-8 md:py-8">
          {children}
        </main>
      </div>
    </div>
  );
}
