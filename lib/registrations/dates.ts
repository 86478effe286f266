// Calendar days in the school's time zone. Pure.
export const SCHOOL_TZ = "Europe/Bucharest";

// Made once: building a formatter costs ~0.2 ms, and the payment schema asks for today on every parse.
const dayInBucharest = new Intl.DateTimeFormat("en-CA", { timeZone: SCHOOL_TZ, year: "numeric", month: "2-digit", day: "2-digit" });

/** Today's date (YYYY-MM-DD) in Europe/Bucharest, whatever the server's zone. */
export function todayInBucharest(now: Date = new Date()): string {
  return dayInBucharest.format(now);
}

/** A real calendar day written as YYYY-MM-DD (rejects 2026-02-30). */
export function isIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** Adds days to a YYYY-MM-DD date. */
export function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
