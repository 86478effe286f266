// Invoice arithmetic in integer bani (hundredths of the document currency), never accumulating floats.
//
// Rounding rule: prices, quantities and percentages are taken at 4 decimals; every line is rounded to
// bani on its own, half away from zero; document totals are the sums of the rounded lines.
//  - price without VAT (isTaxIncluded false, the default): net = round(price × qty), VAT = round(net × rate)
//  - price with VAT: gross = round(price × qty), net = round(gross / (1 + rate)), VAT = gross − net
//  - a discount line covers the product lines among the `numberOfItems` lines right before it; without numberOfItems it
//    is ignored (SmartBill answers 200 and bills the full amount). discountType 1 takes `discountValue`
//    as a one-unit line at the discount's rate; 2 (the default) takes `discountPercentage` of the covered
//    net amounts; any other type subtracts `discountValue` from the total without touching VAT and
//    ignores percentages — the wrong totals SmartBill documents for out-of-enum types.
// Non-VAT payers bill every line at 0% VAT.

export interface MoneyLine {
  quantity: number;
  price: number;
  isTaxIncluded: boolean;
  /** Resolved rate; for a discount line without its own rate, null (taken from the covered lines). */
  vatPercent: number | null;
  isDiscount: boolean;
  numberOfItems?: number | null;
  discountType?: number | null;
  discountValue?: number | null;
  discountPercentage?: number | null;
}

export interface LineAmounts {
  net: number;
  vat: number;
  gross: number;
  vatPercent: number;
}

export interface Totals {
  net: number;
  vat: number;
  total: number;
}

export type ComputeResult =
  | { ok: true; lines: LineAmounts[]; totals: Totals }
  | { ok: false; error: "mixed_vat_discount" };

const E4 = 10_000n;

export function scale4(x: number): bigint {
  return BigInt(Math.round(x * 10_000));
}

/** a / b rounded half away from zero; b > 0. */
export function divRound(a: bigint, b: bigint): bigint {
  const neg = a < 0n;
  const q = ((neg ? -a : a) * 2n + b) / (2n * b);
  return neg ? -q : q;
}

function split(amount: bigint, rateE4: bigint, taxIncluded: boolean): { net: bigint; vat: bigint } {
  // rateE4 is the percentage × 100 (21% → 2100), so rate = rateE4 / 10000.
  if (taxIncluded) {
    const net = divRound(amount * E4, E4 + rateE4);
    return { net, vat: amount - net };
  }
  return { net: amount, vat: divRound(amount * rateE4, E4) };
}

function rateE4(percent: number): bigint {
  return BigInt(Math.round(percent * 100));
}

export function computeInvoice(lines: MoneyLine[], vatPayer: boolean): ComputeResult {
  const out: LineAmounts[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line.isDiscount) {
      const pct = vatPayer ? (line.vatPercent ?? 0) : 0;
      // price×1e4 × qty×1e4 = amount×1e8; bani are 1e-2, so divide by 1e6.
      const amount = divRound(scale4(line.price) * scale4(line.quantity), 1_000_000n);
      out.push(amounts(split(amount, rateE4(pct), vatPayer && line.isTaxIncluded), pct));
      continue;
    }
    const covered = precedingProducts(lines, out, i, line.numberOfItems ?? 0);
    if (covered.length === 0) {
      out.push({ net: 0, vat: 0, gross: 0, vatPercent: vatPayer ? (line.vatPercent ?? 0) : 0 });
      continue;
    }
    const rates = new Set(covered.map((c) => c.vatPercent));
    const type = line.discountType ?? 2;
    if (vatPayer && rates.size > 1 && (type === 2 || line.vatPercent === null)) {
      return { ok: false, error: "mixed_vat_discount" };
    }
    const pct = vatPayer ? (line.vatPercent ?? covered[0]!.vatPercent) : 0;
    if (type === 1) {
      const amount = divRound(scale4(line.discountValue ?? 0), 100n);
      out.push(amounts(split(amount, rateE4(pct), vatPayer && line.isTaxIncluded), pct));
    } else if (type === 2) {
      const base = covered.reduce((s, c) => s + BigInt(c.net), 0n);
      const net = -divRound(base * scale4(line.discountPercentage ?? 0), 1_000_000n);
      out.push(amounts({ net, vat: divRound(net * rateE4(pct), E4) }, pct));
    } else {
      const amount = divRound(scale4(line.discountValue ?? 0), 100n);
      out.push(amounts({ net: amount, vat: 0n }, pct));
    }
  }
  const totals = out.reduce((t, l) => ({ net: t.net + l.net, vat: t.vat + l.vat, total: t.total + l.gross }), {
    net: 0,
    vat: 0,
    total: 0,
  });
  return { ok: true, lines: out, totals };
}

function amounts(s: { net: bigint; vat: bigint }, vatPercent: number): LineAmounts {
  return { net: Number(s.net), vat: Number(s.vat), gross: Number(s.net + s.vat), vatPercent };
}

/** The product (non-discount) lines among the `n` lines immediately before index `i`. */
function precedingProducts(lines: MoneyLine[], computed: LineAmounts[], i: number, n: number): LineAmounts[] {
  if (!(n > 0)) return [];
  const from = Math.max(0, i - n);
  const result: LineAmounts[] = [];
  for (let j = from; j < i; j++) if (!lines[j]!.isDiscount) result.push(computed[j]!);
  return result;
}

/** A JSON amount (121.5) → bani, rounded half away from zero. */
export function toBani(amount: number): number {
  return Number(divRound(scale4(amount), 100n));
}

/** Bani → the decimal number SmartBill puts in JSON (121.5, not "121.50"). */
export function toAmount(bani: number): number {
  return bani / 100;
}

export function formatAmount(bani: number): string {
  const sign = bani < 0 ? "-" : "";
  const abs = Math.abs(bani);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}
