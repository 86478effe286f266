"use client";

import { useEffect } from "react";
import { useRouter } from "next/navigation";

/**
 * Keeps a server-rendered page's invoice badges live: while `active` (some request on the page is queued
 * or being sent) it re-renders the page (router.refresh, no full reload, no client cache) at a gently
 * growing interval, only while the tab is visible, and stops as soon as the page renders with nothing
 * pending. A sent invoice usually settles in a second or two, so this stays a handful of refreshes.
 */
export function InvoiceLiveRefresh({ active }: { active: boolean }) {
  const router = useRouter();
  useEffect(() => {
    if (!active) return;
    let delay = 1_000;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = () => {
      if (document.visibilityState === "visible") router.refresh();
      delay = Math.min(Math.round(delay * 1.5), 10_000);
      timer = setTimeout(tick, delay);
    };
    timer = setTimeout(tick, delay);
    // Coming back to the tab: refresh at once rather than waiting out the interval.
    const onVisible = () => document.visibilityState === "visible" && router.refresh();
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      clearTimeout(timer);
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [active, router]);
  return null;
}
