// Display formats shared by server pages and client components (pure: no server-only imports).
// Money is integer bani; calendar dates are "YYYY-MM-DD"; instants are shown in Europe/Bucharest.

export const TIME_ZONE = "Europe/Bucharest";
type Locale = "en" | "ro" | string;

const tag = (locale: Locale) => (locale === "ro" ? "ro-RO" : "en-GB");

/** 123450 → "1.234,50 lei" (ro) or "RON 1,234.50" (en). */
export function formatMoney(bani: number, locale: Locale): string {
  const value = bani / 100;
  if (locale === "ro") {
    const n = new Intl.NumberFormat("ro-RO", { minimumFractionDigits: 2, maximumFractionDigits: 2, useGrouping: "always" }).format(value);
    return `${n}\u00a0lei`;
  }
  return new Intl.NumberFormat("en-GB", { style: "currency", currency: "RON" }).format(value);
}

/** Bani as the text an amount box starts with: "1234,50" (ro) or "1234.50" (en); no grouping, so it parses back. */
export function moneyInputValue(bani: number, locale: Locale): string {
  const s = (bani / 100).toFixed(2);
  return locale === "ro" ? s.replace(".", ",") : s;
}

/**
 * Reads what people type: "1234,50", "1.234,50", "1234.50", "1,234.50", "1 234,5", "50". Returns bani, or
 * null when it is not a plain positive-or-zero amount with at most two decimals.
 */
export function parseMoneyInput(raw: string): number | null {
  const s = raw.replace(/[\s\u00a0]|lei|ron/gi, "");
  if (!/^\d[\d.,]*$/.test(s)) return null;
  const lastSep = Math.max(s.lastIndexOf(","), s.lastIndexOf("."));
  let whole = s;
  let frac = "";
  // The last separator is the decimal mark when 1–2 digits follow it; otherwise every separator groups thousands.
  if (lastSep >= 0 && s.length - lastSep - 1 <= 2) {
    whole = s.slice(0, lastSep);
    frac = s.slice(lastSep + 1);
  }
  if (/[.,]/.test(whole) && !/^\d{1,3}(\.\d{3})+$/.test(whole) && !/^\d{1,3}(,\d{3})+$/.test(whole)) return null;
  const digits = whole.replace(/[.,]/g, "");
  if (digits.length > 13) return null;
  return Number(digits || "0") * 100 + Number(frac.padEnd(2, "0") || "0");
}

/** "2026-12-02" → "02.12.2026" (ro) or "2 Dec 2026" (en): a calendar date, no time zone shift. */
export function formatDate(isoDate: string, locale: Locale): string {
  const d = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return isoDate;
  return new Intl.DateTimeFormat(tag(locale), locale === "ro" ? { day: "2-digit", month: "2-digit", year: "numeric", timeZone: "UTC" } : { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" }).format(d);
}

/** An instant (audit entry, recorded at) in Bucharest time. */
export function formatDateTime(at: Date | string, locale: Locale): string {
  const d = typeof at === "string" ? new Date(at) : at;
  return new Intl.DateTimeFormat(tag(locale), { dateStyle: "medium", timeStyle: "short", timeZone: TIME_ZONE }).format(d);
}

/** Today's date in Bucharest as "YYYY-MM-DD" (what a payment recorded now is dated). */
export function todayInBucharest(now: Date = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}
