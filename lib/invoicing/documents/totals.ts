// Invoice totals as SmartBill computes them (the sandbox mirrors the same rule): each line rounded to
// bani on its own, half away from zero; a VAT-inclusive line splits as net = round(gross / (1 + rate)),
// VAT = gross − net; a net line adds VAT = round(net × rate). A value discount is one more line of
// −amount at the VAT level of the line it discounts, rounded the same way on its own. Non-VAT payers
// bill 0%. Document totals are the sums of the rounded lines.
import type { Line, VatMode } from "./payload";

export interface Totals {
  netBani: number;
  vatBani: number;
  totalBani: number;
}

/** a / b rounded half away from zero (b > 0), exact on integers. */
function divRound(a: bigint, b: bigint): bigint {
  const neg = a < 0n;
  const q = ((neg ? -a : a) * 2n + b) / (2n * b);
  return neg ? -q : q;
}

/** One line of `quantity` × `unitPriceBani` at `percentage` (up to 2 decimals); negative for a discount. */
export function lineTotals(unitPriceBani: number, quantity: number, mode: VatMode, percentage: number): Totals {
  const amount = BigInt(unitPriceBani) * BigInt(quantity);
  if (mode === "not_payer") return { netBani: Number(amount), vatBani: 0, totalBani: Number(amount) };
  const rateE4 = BigInt(Math.round(percentage * 100));
  if (mode === "payer_included") {
    const net = divRound(amount * 10_000n, 10_000n + rateE4);
    return { netBani: Number(net), vatBani: Number(amount - net), totalBani: Number(amount) };
  }
  const vat = divRound(amount * rateE4, 10_000n);
  return { netBani: Number(amount), vatBani: Number(vat), totalBani: Number(amount + vat) };
}

export function sumTotals(lines: Totals[]): Totals {
  return lines.reduce((a, l) => ({ netBani: a.netBani + l.netBani, vatBani: a.vatBani + l.vatBani, totalBani: a.totalBani + l.totalBani }), {
    netBani: 0,
    vatBani: 0,
    totalBani: 0,
  });
}

/** Every line's amounts (discounts negative) and the document's totals, for one VAT level. */
export function invoiceTotals(lines: Line[], mode: VatMode, percentage: number): { lines: Totals[]; totals: Totals } {
  const each = lines.map((l) => (l.kind === "discount" ? lineTotals(-l.amountBani, 1, mode, percentage) : lineTotals(l.unitPriceBani, l.quantity, mode, percentage)));
  return { lines: each, totals: sumTotals(each) };
}

/** SmartBill answers totals in lei as decimal numbers (121.5): compare them in bani. */
export function leiToBani(lei: number): number {
  return Math.round(lei * 100);
}

/** Bani → the decimal number SmartBill's JSON wants (the only place money leaves integer bani). */
export function baniToDecimal(bani: number): number {
  if (!Number.isSafeInteger(bani)) throw new Error(`Not an amount in bani: ${bani}`);
  return bani / 100;
}
