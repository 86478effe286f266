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

/** An instant's time of day in Bucharest time: "14:05". */
export function formatTime(at: Date | string, locale: Locale): string {
  const d = typeof at === "string" ? new Date(at) : at;
  return new Intl.DateTimeFormat(tag(locale), { hour: "2-digit", minute: "2-digit", hour12: false, timeZone: TIME_ZONE }).format(d);
}
