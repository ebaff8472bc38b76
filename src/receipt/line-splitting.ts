import { lineSum } from '../money/kopecks';

// Writing a share of the total as receipt lines. A line must satisfy
// sum = round_half_up(price × quantity) with a whole-kopeck price (reference §10.1, shop-api.md
// rule 1). When one price cannot give the share, the line is split in two (rule 6).
// Money is in kopecks, quantities in thousandths; products go through bigint.

/** One receipt line before names, VAT and enums are attached. */
export interface PricedLine {
  priceKopecks: number;
  quantityThousandths: number;
  sumKopecks: number;
}

const UNIT = 1000;

/** Whole prices p with round_half_up(p × quantity) = sum, as an interval (empty if lo > hi). */
export function priceRange(sum: number, quantity: number): { lo: number; hi: number } {
  // r − ½ ≤ p·q/1000 < r + ½  ⇔  (2r − 1)·1000 ≤ 2·p·q < (2r + 1)·1000
  const twiceQ = 2n * BigInt(quantity);
  const lo = ceilDiv((2n * BigInt(sum) - 1n) * BigInt(UNIT), twiceQ);
  const hi = ceilDiv((2n * BigInt(sum) + 1n) * BigInt(UNIT), twiceQ) - 1n;
  return { lo: Math.max(1, Number(lo)), hi: Number(hi) };
}

function ceilDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return q * b < a ? q + 1n : q;
}

/** The price for a one-line share nearest to sum/quantity, or undefined if there is none. */
export function singlePrice(sum: number, quantity: number): number | undefined {
  if (sum <= 0) return undefined;
  if (quantity % UNIT === 0) {
    const units = quantity / UNIT; // whole units: exact division, the common case made cheap
    return sum % units === 0 ? sum / units : undefined;
  }
  const { lo, hi } = priceRange(sum, quantity);
  if (lo > hi) return undefined;
  const ideal = Math.round((sum * UNIT) / quantity);
  return Math.min(hi, Math.max(lo, ideal));
}

/** Whether `sum` fits one line of `quantity`. */
export function fitsOneLine(sum: number, quantity: number): boolean {
  return singlePrice(sum, quantity) !== undefined;
}

/** The smallest share a row of `quantity` can carry: 0.01 per unit, at least one kopeck. */
export function minimumShare(quantity: number): number {
  return Math.max(1, Math.floor((quantity + UNIT / 2) / UNIT)); // round_half_up(0.01 × quantity)
}

/** How many kopecks one step of the price moves the sum: the quantity in whole units, ≥ 1. */
export function priceStep(quantity: number): number {
  return Math.max(1, Math.round(quantity / UNIT));
}

/** The nearest one-line sums at or below and at or above `sum` (undefined where none). */
export function oneLineNeighbours(
  sum: number,
  quantity: number,
): { below?: number; above?: number } {
  const around = Math.floor((sum * UNIT) / quantity);
  let below: number | undefined;
  let above: number | undefined;
  for (let price = Math.max(1, around - 2); price <= around + 3; price += 1) {
    const candidate = lineSum(price, quantity);
    if (candidate <= sum && candidate > 0) below = candidate;
    if (candidate >= sum && above === undefined) above = candidate;
  }
  return { ...(below === undefined ? {} : { below }), ...(above === undefined ? {} : { above }) };
}

/**
 * Writes a share as one line or, when one price cannot give it, two lines whose prices differ by
 * the least amount (rule 6): whole quantities as k units at p + 0.01 and the rest at p
 * (`20.00` over 3 → 6.67 × 2 + 6.66 × 1); a fractional quantity as its whole part and the
 * remainder (47.8 kg for 1 051.00 → 47 × 21.99 + 0.8 × 21.84). Undefined when even two lines
 * cannot carry the share with prices of at least 0.01.
 */
export function splitShare(sum: number, quantity: number): PricedLine[] | undefined {
  const price = singlePrice(sum, quantity);
  if (price !== undefined) return [line(price, quantity)];
  return quantity % UNIT === 0
    ? splitWholeUnits(sum, quantity / UNIT)
    : splitFraction(sum, quantity);
}

function line(priceKopecks: number, quantityThousandths: number): PricedLine {
  return {
    priceKopecks,
    quantityThousandths,
    sumKopecks: lineSum(priceKopecks, quantityThousandths),
  };
}

function splitWholeUnits(sum: number, units: number): PricedLine[] | undefined {
  const price = Math.floor(sum / units);
  const dearer = sum - price * units;
  if (price < 1 || dearer === 0) return undefined;
  return [line(price + 1, dearer * UNIT), line(price, (units - dearer) * UNIT)];
}

// Known shortcoming: the remainder's price absorbs what the whole part's price cannot, so with a
// large whole part and a tiny remainder (99 999.001) it can lie far from the row's price, and
// past ATOL's limit the engine refuses the document. Listed in the README.
function splitFraction(sum: number, quantity: number): PricedLine[] | undefined {
  const whole = Math.floor(quantity / UNIT) * UNIT;
  const rest = quantity - whole;
  if (whole === 0) return undefined;

  const around = Math.floor((sum * UNIT) / quantity);
  let best: { lines: PricedLine[]; gap: number } | undefined;
  for (let price = Math.max(1, around - 2); price <= around + 2; price += 1) {
    const restSum = sum - lineSum(price, whole);
    if (restSum < 1) continue;
    const range = priceRange(restSum, rest);
    if (range.lo > range.hi) continue;
    const restPrice = Math.min(range.hi, Math.max(range.lo, price));
    const gap = Math.abs(restPrice - price);
    if (!best || gap < best.gap) best = { lines: [line(price, whole), line(restPrice, rest)], gap };
  }
  return best?.lines;
}
