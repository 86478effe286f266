"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { BookOpen, Contact, FileText, Settings, Users, Wand2, ClipboardList, Receipt } from "lucide-react";

const ICONS = { registrations: ClipboardList, clients: Contact, courses: BookOpen, invoices: Receipt, setup: Wand2, billing: Settings, team: Users, other: FileText };

export interface NavItem {
  href: string;
  label: string;
  icon: keyof typeof ICONS;
  child?: boolean;
  /** A count of things waiting (failed or in-doubt invoices), with its spoken form. */
  badge?: number;
  badgeLabel?: string;
}

// Class names are spelled out rather than merged with cn(): tailwind-merge would be the largest
// module on every signed-in page.
export function NavLinks({ items, label }: { items: NavItem[]; label: string }) {
  const pathname = usePathname();
  return (
    <nav aria-label={label}>
      <ul className="space-y-1">
        {items.map((item) => {
          const Icon = ICONS[item.icon];
          const active = pathname === item.href || pathname.startsWith(`${item.href}/`);
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={active ? "page" : undefined}
                className={`flex items-center gap-3 rounded-md px-3 font-medium hover:bg-slate-100 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 ${
                  item.child ? "ml-4 py-1.5 text-[13px]" : "py-2 text-sm"
                } ${active ? "bg-indigo-50 text-indigo-800" : "text-slate-700"}`}
              >
                <Icon className="size-4 shrink-0" aria-hidden />
                {item.label}
                {item.badge ? (
                  <span className="ml-auto rounded-full bg-red-100 px-2 text-xs font-semibold text-red-800" data-testid="nav-badge" title={item.badgeLabel}>
                    <span aria-hidden>{item.badge}</span>
                    <span className="sr-only"> ({item.badgeLabel})</span>
                  </span>
                ) : null}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
