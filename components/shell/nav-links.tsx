"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { BookOpen, Contact, FileText, Settings, Users, Wand2, ClipboardList, Receipt } from "lucide-react";
import { cn } from "@/lib/utils";

const ICONS = { registrations: ClipboardList, clients: Contact, courses: BookOpen, invoices: Receipt, setup: Wand2, billing: Settings, team: Users, other: FileText };

export interface NavItem {
  href: string;
  label: string;
  icon: keyof typeof ICONS;
  child?: boolean;
}

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
                className={cn(
                  "flex items-center gap-3 rounded-md px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500",
                  item.child && "ml-4 py-1.5 text-[13px]",
                  active && "bg-indigo-50 text-indigo-800",
                )}
              >
                <Icon className="size-4 shrink-0" aria-hidden />
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
