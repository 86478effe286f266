"use client";

import { ChevronDown, KeyRound, LogOut } from "lucide-react";
import Link from "next/link";
import { useEffect, useId, useRef, useState } from "react";
import { useTranslations } from "use-intl";

// A one-item menu (WAI-ARIA menu button) written by hand: it is on every signed-in page, and a menu
// library with its popper would weigh more than everything else in the shell together.
// Arrow keys move through the items and wrap around; Home and End jump to the first and last.
function moveFocus(menu: HTMLElement, key: string) {
  const items = [...menu.querySelectorAll<HTMLElement>('[role="menuitem"]')];
  const at = items.indexOf(document.activeElement as HTMLElement);
  const next = key === "Home" ? 0 : key === "End" ? items.length - 1 : (at + (key === "ArrowUp" ? -1 : 1) + items.length) % items.length;
  items[next]?.focus();
}

export function UserMenu({ name, email, roleLabel }: { name: string; email: string; roleLabel: string }) {
  const t = useTranslations("nav");
  const ta = useTranslations("auth.password");
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const menuId = useId();

  useEffect(() => {
    if (!open) return;
    menu.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    const onPointerDown = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("pointerdown", onPointerDown);
    return () => document.removeEventListener("pointerdown", onPointerDown);
  }, [open]);

  function close() {
    setOpen(false);
    trigger.current?.focus();
  }

  async function signOut() {
    setOpen(false);
    // next-auth's client is only needed here: load it when someone signs out, not with every page.
    const { signOut } = await import("next-auth/react");
    await signOut({ callbackUrl: "/sign-in" });
  }

  return (
    <div ref={root} className="relative">
      <button
        ref={trigger}
        type="button"
        aria-label={t("accountMenu")}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown" || e.key === "ArrowUp") {
            e.preventDefault();
            setOpen(true);
          }
        }}
        className="flex items-center gap-2 rounded-md px-2 py-1.5 text-sm hover:bg-slate-100 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500"
      >
        <span className="flex size-8 items-center justify-center rounded-full bg-indigo-100 font-semibold text-indigo-800" aria-hidden>
          {name.slice(0, 1).toUpperCase()}
        </span>
        <span className="hidden text-left sm:block">
          <span className="block font-medium leading-tight">{name}</span>
          <span className="block text-xs text-slate-500">{roleLabel}</span>
        </span>
        <ChevronDown className="size-4 text-slate-500" aria-hidden />
      </button>
      {open && (
        <div
          ref={menu}
          id={menuId}
          role="menu"
          aria-label={t("accountMenu")}
          onKeyDown={(e) => {
            if (e.key === "Escape") {
              e.preventDefault();
              close();
            } else if (e.key === "Tab") {
              setOpen(false);
            } else if (["ArrowDown", "ArrowUp", "Home", "End"].includes(e.key)) {
              e.preventDefault();
              moveFocus(e.currentTarget, e.key);
            }
          }}
          className="absolute right-0 top-full z-50 mt-1.5 min-w-56 rounded-md border border-slate-200 bg-white p-1 shadow-lg"
        >
          <p className="px-3 py-2 text-xs text-slate-500">{t("signedInAs", { email })}</p>
          <div role="separator" className="my-1 h-px bg-slate-200" />
          <button
            type="button"
            role="menuitem"
            tabIndex={-1}
            onClick={() => void signOut()}
            className="flex w-full cursor-pointer items-center gap-2 rounded px-3 py-2 text-left text-sm outline-none hover:bg-slate-100 focus:bg-slate-100"
          >
            <LogOut className="size-4" aria-hidden />
            {t("signOut")}
          </button>
          <Link
            href="/settings/account"
            role="menuitem"
            tabIndex={-1}
            onClick={() => setOpen(false)}
            className="flex w-full cursor-pointer items-center gap-2 rounded px-3 py-2 text-left text-sm outline-none hover:bg-slate-100 focus:bg-slate-100"
          >
            <KeyRound className="size-4" aria-hidden />
            {ta("menu")}
          </Link>
        </div>
      )}
    </div>
  );
}
