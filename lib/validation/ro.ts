// Romanian identifiers. Pure functions: shared by forms (client) and actions (server).

/** Strips spaces and an optional "RO" prefix; returns the digits or null when it cannot be a CIF. */
export function cifDigits(raw: string): string | null {
  const s = raw.replace(/\s+/g, "").toUpperCase().replace(/^RO/, "");
  return /^\d{2,10}$/.test(s) ? s : null;
}

/** A CIF (CUI) is valid when its last digit matches the check digit computed with the key 753217532. */
export function isValidCif(raw: string): boolean {
  const digits = cifDigits(raw);
  if (!digits) return false;
  const control = Number(digits.at(-1));
  const body = digits.slice(0, -1).padStart(9, "0");
  const key = "753217532";
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(body[i]) * Number(key[i]);
  const check = ((sum * 10) % 11) % 10;
  return check === control;
}

/** Normalises an IBAN for storage and checks: no spaces, upper case. */
export function normaliseIban(raw: string): string {
  return raw.replace(/\s+/g, "").toUpperCase();
}

/** ISO 13616 mod-97 check; Romanian IBANs are also exactly 24 characters. */
export function isValidIban(raw: string): boolean {
  const iban = normaliseIban(raw);
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(iban)) return false;
  if (iban.startsWith("RO") && iban.length !== 24) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const n = ch >= "A" && ch <= "Z" ? String(ch.charCodeAt(0) - 55) : ch;
    for (const d of n) remainder = (remainder * 10 + Number(d)) % 97;
  }
  return remainder === 1;
}
