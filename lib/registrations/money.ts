// Amounts as people type them, into integer bani. Pure: shared by forms, actions and the CSV import.
//   "1.234,50" (Romanian) · "1234.50" / "1,234.50" (plain) · "1234,5" · "1 234" · "150 lei" → bani.

const CURRENCY = /\s*(lei|ron|RON|Lei|LEI)\.?$/;

/** Bani from a typed amount, or null when it is not a readable amount. A leading "-" is kept. */
export function parseMoneyToBani(raw: string): number | null {
  let s = raw.trim().replace(CURRENCY, "").replace(/[\s\u00a0\u202f']/g, "");
  let sign = 1;
  if (s.startsWith("-")) {
    sign = -1;
    s = s.slice(1);
  }
  if (!/^[\d.,]+$/.test(s) || !/\d/.test(s)) return null;
  const lastDot = s.lastIndexOf(".");
  const lastComma = s.lastIndexOf(",");
  let whole: string;
  let frac = "";
  if (lastDot >= 0 && lastComma >= 0) {
    // Both: the later one is the decimal separator, the other groups thousands.
    const dec = lastDot > lastComma ? "." : ",";
    const group = dec === "." ? "," : ".";
    const at = s.lastIndexOf(dec);
    whole = s.slice(0, at);
    frac = s.slice(at + 1);
    if (!isGrouped(whole, group)) return null;
    whole = whole.split(group).join("");
  } else if (lastComma >= 0) {
    // Only commas: a Romanian decimal comma ("12,5"), never a thousands separator.
    const parts = s.split(",");
    if (parts.length !== 2) return null;
    [whole, frac] = parts as [string, string];
  } else if (lastDot >= 0) {
    const parts = s.split(".");
    // "12.5" / "12.50" is a decimal point; "1.234" or "1.234.567" groups thousands (Romanian style).
    if (parts.length === 2 && parts[1]!.length <= 2) [whole, frac] = parts as [string, string];
    else if (isGrouped(s, ".")) whole = parts.join("");
    else return null;
  } else {
    whole = s;
  }
  if (!/^\d+$/.test(whole) || !/^\d{0,2}$/.test(frac)) return null;
  if (whole.length > 12) return null;
  const bani = Number(whole) * 100 + Number(frac.padEnd(2, "0"));
  return sign * bani;
}

function isGrouped(s: string, sep: string): boolean {
  const parts = s.split(sep);
  if (parts.length === 1) return /^\d+$/.test(s);
  return /^\d{1,3}$/.test(parts[0]!) && parts.slice(1).every((p) => /^\d{3}$/.test(p));
}

/** 123450 → "1234,50" (or "1234.50"): no grouping, integer arithmetic, never a float. */
export function baniToPlain(bani: number, decimalMark: "," | "."): string {
  const sign = bani < 0 ? "-" : "";
  const abs = Math.abs(bani);
  return `${sign}${Math.floor(abs / 100)}${decimalMark}${String(abs % 100).padStart(2, "0")}`;
}

/** "1234,50": how a form shows an amount for editing (Romanian decimal comma, no grouping). */
export function baniToInput(bani: number): string {
  return baniToPlain(bani, ",");
}
