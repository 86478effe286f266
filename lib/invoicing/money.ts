// Money is integer bani (1 RON = 100 bani) everywhere in Bursar; SmartBill's JSON wants decimal numbers,
// so conversion happens only at that boundary.

export function baniToDecimal(bani: number): number {
  if (!Number.isSafeInteger(bani)) throw new Error(`Not an amount in bani: ${bani}`);
  return bani / 100;
}

/** Parses "12.5", "12,50" or "1 234,56" into bani; null when it is not an amount. */
export function parseAmountToBani(text: string): number | null {
  const s = text.replace(/\s+/g, "").replace(",", ".");
  if (!/^-?\d+(\.\d{1,2})?$/.test(s)) return null;
  const [whole, frac = ""] = s.replace("-", "").split(".");
  const bani = Number(whole) * 100 + Number(frac.padEnd(2, "0"));
  return s.startsWith("-") ? -bani : bani;
}

export function formatBani(bani: number, currency = "RON", locale = "ro-RO"): string {
  return new Intl.NumberFormat(locale, { style: "currency", currency }).format(bani / 100);
}

/** VAT of a VAT-inclusive amount, rounded half away from zero to whole bani. */
export function vatIncluded(grossBani: number, percentage: number): number {
  return Math.round((grossBani * percentage) / (100 + percentage));
}

/** VAT added on a net amount, rounded half away from zero to whole bani. */
export function vatAdded(netBani: number, percentage: number): number {
  return Math.round((netBani * percentage) / 100);
}
