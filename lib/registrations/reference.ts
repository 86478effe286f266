// Payment references: what parents write on a bank transfer. Pure (no server imports), so the demo
// seed and bank pairing can use it too.
//
// Six characters from an alphabet without look-alikes (no 0/O, 1/I, no Z next to 2), plus a check
// character. Weighted sum mod 31 (a prime, and the alphabet has exactly 31 symbols) with weights
// 1, 2, …: a single wrong character changes the sum by w·d with 0 < w, |d| < 31, and swapping two
// neighbours changes it by ±d, so both are always caught.

export const REFERENCE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXY";
const N = REFERENCE_ALPHABET.length; // 31
export const REFERENCE_BODY_LENGTH = 6;
export const REFERENCE_LENGTH = REFERENCE_BODY_LENGTH + 1;

function valueOf(ch: string): number {
  return REFERENCE_ALPHABET.indexOf(ch);
}

function weightedSum(values: number[]): number {
  return values.reduce((sum, v, i) => (sum + (i + 1) * v) % N, 0);
}

function inverse(a: number): number {
  for (let x = 1; x < N; x++) if ((a * x) % N === 1) return x;
  throw new Error("no inverse");
}

/** The check character that makes the weighted sum of body + check ≡ 0 (mod 31). */
export function checkCharacter(body: string): string {
  const values = [...body].map(valueOf);
  if (values.some((v) => v < 0)) throw new Error("Not a reference body");
  const s = weightedSum(values);
  const w = values.length + 1;
  const c = (((N - s) % N) * inverse(w % N)) % N;
  return REFERENCE_ALPHABET[c]!;
}

/** A new random reference (body + check). `random` is injectable for tests and seeds. */
export function generateReference(random: () => number = Math.random): string {
  let body = "";
  for (let i = 0; i < REFERENCE_BODY_LENGTH; i++) body += REFERENCE_ALPHABET[Math.floor(random() * N)]!;
  return body + checkCharacter(body);
}

/** Upper-cases and strips spaces and dashes: "k7m4 px-h" → "K7M4PXH". */
export function normaliseReference(raw: string): string {
  return raw.toUpperCase().replace(/[\s-]/g, "");
}

/** True when `raw` (normalised) is a well-formed reference whose check character matches. */
export function isValidReference(raw: string): boolean {
  const s = normaliseReference(raw);
  if (s.length !== REFERENCE_LENGTH) return false;
  const values = [...s].map(valueOf);
  return values.every((v) => v >= 0) && weightedSum(values) === 0;
}

/** Every valid reference inside a free text (a bank transfer's remittance information). */
export function findReferences(text: string): string[] {
  const found = new Set<string>();
  for (const token of text.toUpperCase().split(/[^0-9A-Z]+/)) {
    if (token.length === REFERENCE_LENGTH && isValidReference(token)) found.add(token);
  }
  return [...found];
}
